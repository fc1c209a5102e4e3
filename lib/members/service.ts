import type { ProjectContext, UserActor } from "@/lib/auth/context";
import { hashPassword } from "@/lib/auth/password";
import { assertCan } from "@/lib/auth/scopes";
import { newSecret, sha256 } from "@/lib/auth/tokens";
import { recordAudit } from "@/lib/audit/service";
import type { Database, Db, Tx } from "@/lib/db/client";
import { prismaTransaction } from "@/lib/db/transaction";
import type { Role } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import { projectAdminMayReset } from "@/lib/users/reset-policy";
import { createPasswordReset } from "@/lib/users/service";
import type { TInvitationAccept, TInvitationCreate, TMemberUpdate } from "./schemas";

export async function listMembers({ prisma: db }: Database, ctx: ProjectContext) {
  assertCan(ctx, "members:read");
  return db.membership.findMany({
    where: { projectId: ctx.project.id },
    orderBy: [{ deactivatedAt: { sort: "desc", nulls: "first" } }, { createdAt: "asc" }],
    select: {
      id: true,
      role: true,
      deactivatedAt: true,
      createdAt: true,
      user: { select: { id: true, email: true, name: true, isDemo: true, deactivatedAt: true } },
    },
  });
}

async function activeAdminCount(tx: Tx, projectId: string, exceptMembershipId: string): Promise<number> {
  return tx.membership.count({
    where: { projectId, role: "ADMIN", deactivatedAt: null, id: { not: exceptMembershipId }, user: { deactivatedAt: null } },
  });
}

export async function updateMember({ prisma: db }: Database, ctx: ProjectContext, membershipId: string, input: TMemberUpdate) {
  assertCan(ctx, "members:manage");
  return prismaTransaction(db, async (tx) => {
    const member = await tx.membership.findUnique({ where: { projectId_id: { projectId: ctx.project.id, id: membershipId } } });
    if (!member) throw notFound("Member");
    const losesAdmin = member.role === "ADMIN" && ((input.role && input.role !== "ADMIN") || input.deactivated === true);
    if (losesAdmin && (await activeAdminCount(tx, ctx.project.id, member.id)) === 0) {
      throw new AppError("last_admin", "A project keeps at least one active admin");
    }
    const updated = await tx.membership.update({
      where: { projectId_id: { projectId: ctx.project.id, id: membershipId } },
      data: {
        ...(input.role ? { role: input.role } : {}),
        ...(input.deactivated === undefined ? {} : { deactivatedAt: input.deactivated ? (member.deactivatedAt ?? new Date()) : null }),
      },
      select: { id: true, role: true, deactivatedAt: true, userId: true },
    });
    await recordAudit(tx, ctx.actor, {
      projectId: ctx.project.id,
      action: "member.update",
      targetType: "membership",
      targetId: member.id,
      details: {
        user: member.userId,
        before: { role: member.role, deactivated: Boolean(member.deactivatedAt) },
        after: { role: updated.role, deactivated: Boolean(updated.deactivatedAt) },
      },
    });
    return updated;
  });
}

export async function createMemberResetLink(db: Database, ctx: ProjectContext, membershipId: string) {
  assertCan(ctx, "members:manage");
  if (ctx.actor.kind !== "user") throw new AppError("forbidden", "Reset links are made by a signed-in admin");
  const member = await db.prisma.membership.findUnique({ where: { projectId_id: { projectId: ctx.project.id, id: membershipId } } });
  if (!member) throw notFound("Member");
  return createPasswordReset(db, ctx.actor, member.userId, ctx.project.id);
}

/** The memberships whose password this project's admins may reset (lib/users/reset-policy.ts). */
export async function resettableMembers({ prisma: db }: Database, ctx: ProjectContext): Promise<Set<string>> {
  assertCan(ctx, "members:manage");
  const members = await db.membership.findMany({
    where: { projectId: ctx.project.id },
    select: { id: true, user: { select: { isInstanceAdmin: true, memberships: { select: { projectId: true, deactivatedAt: true } } } } },
  });
  return new Set(members.filter((m) => projectAdminMayReset(m.user, ctx.project.id)).map((m) => m.id));
}

// ───── invitations ─────

export async function listInvitations({ prisma: db }: Database, ctx: ProjectContext) {
  assertCan(ctx, "members:manage");
  return db.invitation.findMany({
    where: { projectId: ctx.project.id, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
  });
}

export async function createInvitation({ prisma: db }: Database, ctx: ProjectContext, input: TInvitationCreate) {
  assertCan(ctx, "members:manage");
  if (ctx.actor.kind !== "user") throw new AppError("forbidden", "Invitations are made by a signed-in admin");
  const actor = ctx.actor;
  const existing = await db.membership.findFirst({ where: { projectId: ctx.project.id, user: { email: input.email } } });
  if (existing) throw new AppError("already_member", `${input.email} is already a member of this project`);
  const token = newSecret();
  const expiresAt = new Date(Date.now() + input.expiresInDays * 24 * 60 * 60 * 1000);
  const invitation = await prismaTransaction(db, async (tx) => {
    const created = await tx.invitation.create({
      data: { projectId: ctx.project.id, email: input.email, role: input.role, tokenHash: sha256(token), expiresAt, createdById: actor.userId },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    await recordAudit(tx, actor, {
      projectId: ctx.project.id,
      action: "invitation.create",
      targetType: "invitation",
      targetId: created.id,
      details: { email: input.email, role: input.role },
    });
    return created;
  });
  return { ...invitation, token };
}

export async function revokeInvitation({ prisma: db }: Database, ctx: ProjectContext, invitationId: string) {
  assertCan(ctx, "members:manage");
  await prismaTransaction(db, async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { projectId: ctx.project.id, id: invitationId, usedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound("Invitation");
    await recordAudit(tx, ctx.actor, { projectId: ctx.project.id, action: "invitation.revoke", targetType: "invitation", targetId: invitationId });
  });
}

/** What the invitation page shows before accepting: never more than the project name, role and email. */
export async function describeInvitation({ prisma: db }: Database, token: string) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: sha256(token) },
    include: { project: { select: { name: true, slug: true, archivedAt: true } } },
  });
  if (!invitation || invitation.usedAt || invitation.revokedAt || invitation.expiresAt < new Date() || invitation.project.archivedAt) {
    return null;
  }
  const account = await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return {
    email: invitation.email,
    role: invitation.role,
    project: invitation.project.name,
    projectSlug: invitation.project.slug,
    hasAccount: Boolean(account),
  };
}

/**
 * Accepts an invitation. A new email gets an account (name and password required); an existing
 * account must be the one signed in. The conditional update makes the link single-use even
 * under concurrent clicks.
 */
export async function acceptInvitation({ prisma: db }: Database, signedIn: UserActor | null, input: TInvitationAccept) {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return prismaTransaction(db, async (tx) => {
    const claimed = await tx.invitation.updateManyAndReturn({
      where: { tokenHash: sha256(input.token), usedAt: null, revokedAt: null, expiresAt: { gt: new Date() }, project: { archivedAt: null } },
      data: { usedAt: new Date() },
      select: { id: true, projectId: true, email: true, role: true, project: { select: { slug: true } } },
    });
    if (claimed.length !== 1) throw new AppError("token_invalid", "This invitation link is invalid, expired or already used");
    const invitation = claimed[0];
    const user = await userForInvitation(tx, signedIn, invitation.email, input.name, passwordHash);
    await addMembership(tx, invitation.projectId, user.id, invitation.role);
    await recordAudit(
      tx,
      { kind: "user", userId: user.id, email: user.email, name: user.name, isInstanceAdmin: false },
      {
        projectId: invitation.projectId,
        action: "invitation.accept",
        targetType: "invitation",
        targetId: invitation.id,
        details: { role: invitation.role },
      },
    );
    return { email: user.email, projectSlug: invitation.project.slug };
  });
}

async function userForInvitation(tx: Tx, signedIn: UserActor | null, email: string, name: string | undefined, passwordHash: string | null) {
  const existing = await tx.user.findUnique({ where: { email } });
  if (existing) {
    if (existing.deactivatedAt) throw new AppError("forbidden", "This account is deactivated");
    if (!signedIn || signedIn.userId !== existing.id) {
      throw new AppError("unauthenticated", `Sign in as ${email} to accept this invitation`);
    }
    return existing;
  }
  if (!name || !passwordHash) {
    throw new AppError("validation_failed", "Choose a name and a password to create your account", [
      ...(name ? [] : [{ path: "name", message: "Enter a name" }]),
      ...(passwordHash ? [] : [{ path: "password", message: "Choose a password" }]),
    ]);
  }
  return tx.user.create({ data: { email, name, passwordHash } });
}

async function addMembership(tx: Tx, projectId: string, userId: string, role: Role) {
  await tx.membership.upsert({
    where: { projectId_userId: { projectId, userId } },
    create: { projectId, userId, role },
    update: { role, deactivatedAt: null },
  });
}

/** Single sign-on: an invited email signs in through OIDC or GitHub and joins without a password. */
/** Why single sign-on let nobody in: no invitation for an unknown email, or a deactivated account. */
export type TExternalSignInRefusal = "no_invitation" | "deactivated";

export async function acceptInvitationsForExternalSignIn(
  db: Db,
  email: string,
  name: string,
): Promise<{ id: string; email: string; name: string } | { refused: TExternalSignInRefusal }> {
  return prismaTransaction(db, async (tx) => {
    const existing = await tx.user.findUnique({ where: { email } });
    // A deactivated account stays out, and its pending invitations stay unused.
    if (existing?.deactivatedAt) return { refused: "deactivated" as const };
    const claimed = await tx.invitation.updateManyAndReturn({
      where: { email, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() }, project: { archivedAt: null } },
      data: { usedAt: new Date() },
      select: { id: true, projectId: true, role: true },
    });
    if (!existing && claimed.length === 0) return { refused: "no_invitation" as const };
    const user = existing ?? (await tx.user.create({ data: { email, name: name || email } }));
    for (const invitation of claimed) {
      await addMembership(tx, invitation.projectId, user.id, invitation.role);
      await recordAudit(tx, null, { projectId: invitation.projectId, action: "invitation.accept_sso", targetType: "invitation", targetId: invitation.id });
    }
    return { id: user.id, email: user.email, name: user.name };
  });
}
