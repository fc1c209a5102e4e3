import type { UserActor } from "@/lib/auth/context";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { newSecret, sha256 } from "@/lib/auth/tokens";
import { recordAudit } from "@/lib/audit/service";
import type { Db, Tx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { RESET_NEEDS_INSTANCE_ADMIN, projectAdminMayReset } from "./reset-policy";
import type { TSignUp } from "./schemas";

export const RESET_TTL_MS = 24 * 60 * 60 * 1000;

export async function instanceHasUsers(db: Tx): Promise<boolean> {
  return (await db.user.count()) > 0;
}

/**
 * The first account on an empty instance becomes its instance admin. Afterwards sign-up is
 * by invitation only. An advisory lock makes two simultaneous first sign-ups safe.
 */
export async function signUpFirstUser(db: Db, input: TSignUp) {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('assay.first-user'))`;
    if ((await tx.user.count()) > 0) {
      throw new AppError("forbidden", "This instance already has users: ask an admin for an invitation link");
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, passwordHash, isInstanceAdmin: true },
    });
    await recordAudit(
      tx,
      { kind: "user", userId: user.id, email: user.email, name: user.name, isInstanceAdmin: true },
      {
        action: "user.signup_first",
        targetType: "user",
        targetId: user.id,
      },
    );
    return { id: user.id, email: user.email, name: user.name };
  });
}

/** Checks a password sign-in. Unknown email, wrong password and deactivated accounts look alike. */
export async function authenticatePassword(db: Tx, email: string, password: string) {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    omit: { passwordHash: false },
  });
  if (!user || !user.passwordHash || user.deactivatedAt) {
    // Spend the same time as a real check so timing does not reveal which emails exist.
    await verifyPassword(password, DUMMY_HASH);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name };
}

const DUMMY_HASH = "scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA$eGtleWtleWtleWtleWtleWtleWtleWtleWtleWtleWs";

export async function listUsers(db: Tx) {
  return db.user.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      isInstanceAdmin: true,
      isDemo: true,
      deactivatedAt: true,
      createdAt: true,
      _count: { select: { memberships: true } },
    },
  });
}

export async function setUserDeactivated(db: Db, actor: UserActor, userId: string, deactivated: boolean) {
  if (userId === actor.userId && deactivated) throw new AppError("conflict", "You cannot deactivate your own account");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw notFound("User");
    if (deactivated && user.isInstanceAdmin) {
      const otherAdmins = await tx.user.count({ where: { isInstanceAdmin: true, deactivatedAt: null, id: { not: userId } } });
      if (otherAdmins === 0) throw new AppError("last_admin", "The last instance admin cannot be deactivated");
    }
    const updated = await tx.user.update({
      where: { id: userId },
      // Deactivating ends every session, so reactivating does not bring old ones back.
      data: deactivated ? { deactivatedAt: user.deactivatedAt ?? new Date(), sessionsValidAfter: new Date() } : { deactivatedAt: null },
      select: { id: true, email: true, deactivatedAt: true },
    });
    await recordAudit(tx, actor, {
      action: deactivated ? "user.deactivate" : "user.reactivate",
      targetType: "user",
      targetId: userId,
      details: { before: { deactivated: Boolean(user.deactivatedAt) }, after: { deactivated } },
    });
    return updated;
  });
}

/**
 * Whether `issuerId` may reset `userId`'s password in the authority of `projectId` (null: the
 * instance admin's). Checked when the link is made and again when it is used: the user may
 * have joined another project, or the issuer lost their role, in between.
 */
async function mayReset(tx: Tx, issuerId: string, userId: string, projectId: string | null): Promise<boolean> {
  const issuer = await tx.user.findUnique({ where: { id: issuerId }, select: { isInstanceAdmin: true, deactivatedAt: true } });
  if (!issuer || issuer.deactivatedAt) return false;
  if (projectId === null) return issuer.isInstanceAdmin;
  const issuerIsAdmin = await tx.membership.count({
    where: { projectId, userId: issuerId, role: "ADMIN", deactivatedAt: null, project: { archivedAt: null } },
  });
  const target = await tx.user.findUnique({
    where: { id: userId },
    select: { isInstanceAdmin: true, memberships: { select: { projectId: true, deactivatedAt: true } } },
  });
  return issuerIsAdmin > 0 && target !== null && projectAdminMayReset(target, projectId);
}

/** Makes a single-use reset link: password reset without mail. */
export async function createPasswordReset(db: Db, actor: UserActor, userId: string, projectId: string | null) {
  const token = newSecret();
  const expiresAt = new Date(Date.now() + RESET_TTL_MS);
  await db.$transaction(async (tx) => {
    if (!(await tx.user.findUnique({ where: { id: userId }, select: { id: true } }))) throw notFound("User");
    if (!(await mayReset(tx, actor.userId, userId, projectId))) throw new AppError("forbidden", RESET_NEEDS_INSTANCE_ADMIN);
    await tx.passwordReset.create({
      data: { userId, tokenHash: sha256(token), expiresAt, createdById: actor.userId, projectId },
    });
    await recordAudit(tx, actor, { action: "user.reset_link", targetType: "user", targetId: userId, projectId });
  });
  return { token, expiresAt };
}

export async function findUsableReset(db: Tx, token: string) {
  const reset = await db.passwordReset.findUnique({
    where: { tokenHash: sha256(token) },
    include: { user: { select: { email: true, deactivatedAt: true } } },
  });
  if (!reset || reset.usedAt || reset.expiresAt < new Date() || reset.user.deactivatedAt) return null;
  if (!(await mayReset(db, reset.createdById, reset.userId, reset.projectId))) return null;
  return { email: reset.user.email };
}

export async function usePasswordReset(db: Db, token: string, password: string) {
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    // The conditional update is the claim: a second use of the same link finds nothing.
    const claimed = await tx.passwordReset.updateManyAndReturn({
      where: { tokenHash: sha256(token), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
      select: { userId: true, createdById: true, projectId: true },
    });
    if (claimed.length !== 1) throw new AppError("token_invalid", "This reset link is invalid, expired or already used");
    const [reset] = claimed;
    if (!(await mayReset(tx, reset.createdById, reset.userId, reset.projectId))) {
      throw new AppError("token_invalid", "This reset link is no longer valid: ask the instance admin for a new one");
    }
    const user = await tx.user.update({
      where: { id: reset.userId },
      data: { passwordHash, isDemo: false, sessionsValidAfter: new Date() },
      select: { id: true, email: true, deactivatedAt: true },
    });
    if (user.deactivatedAt) throw new AppError("token_invalid", "This account is deactivated");
    await recordAudit(tx, null, { action: "user.password_reset", targetType: "user", targetId: user.id });
    return { email: user.email };
  });
}

/** "Sign out everywhere": every session of the caller ends, this one included. */
export async function endAllSessions(db: Db, actor: UserActor) {
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { sessionsValidAfter: new Date() } });
    await recordAudit(tx, actor, { action: "user.sign_out_everywhere", targetType: "user", targetId: actor.userId });
  });
}

/** True while any demo account can still sign in with its published password. */
export async function demoCredentialsActive(db: Tx): Promise<boolean> {
  const count = await db.user.count({ where: { isDemo: true, deactivatedAt: null, passwordHash: { not: null } } });
  return count > 0;
}

/**
 * Removes the published demo passwords: demo accounts are deactivated and their password
 * hashes cleared. Their labels stay, attributed as before.
 */
export async function removeDemoCredentials(db: Db, actor: UserActor | null) {
  return db.$transaction(async (tx) => {
    const realAdmins = await tx.user.count({ where: { isInstanceAdmin: true, isDemo: false, deactivatedAt: null } });
    if (realAdmins === 0) {
      throw new AppError(
        "last_admin",
        "No instance admin would remain: create your own admin first (ASSAY_INIT_ADMIN_EMAIL, or an invitation made admin in Admin → Users)",
      );
    }
    const demo = await tx.user.findMany({ where: { isDemo: true }, select: { id: true } });
    await tx.user.updateMany({
      where: { isDemo: true },
      data: { passwordHash: null, deactivatedAt: new Date(), isDemo: false, sessionsValidAfter: new Date() },
    });
    await recordAudit(tx, actor, { action: "demo.remove_credentials", targetType: "user", details: { users: demo.map((u) => u.id) } });
    return demo.length;
  });
}
