import { describe, expect, it } from "vitest";
import { type UserActor, projectContextForUser, userActor } from "@/lib/auth/context";
import { hashPassword } from "@/lib/auth/password";
import { database, db, pool } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import type { AppError } from "@/lib/errors";
import { ZInvitationCreate } from "@/lib/members/schemas";
import {
  acceptInvitation,
  acceptInvitationsForExternalSignIn,
  createInvitation,
  createMemberResetLink,
  describeInvitation,
  revokeInvitation,
  updateMember,
} from "@/lib/members/service";
import { authenticatePassword, findUsableReset, usePasswordReset } from "@/lib/users/service";
import { type TestProject, codeOf, makeProject, unique } from "@/tests/helpers/fixtures";
import { memberContext as contextOf } from "@/tests/helpers/traces";

// Joining a project, leaving it and getting back in: invitations, roles, deactivation and
// reset links, each through the services the routes call, on a real database.

async function actorOf(userId: string): Promise<UserActor> {
  return userActor(db(), userId);
}

async function membershipId(project: TestProject, userId: string): Promise<string> {
  const m = await db().membership.findUniqueOrThrow({ where: { projectId_userId: { projectId: project.id, userId } } });
  return m.id;
}

async function audits(action: string, targetId: string) {
  return db().auditEvent.findMany({ where: { action, targetId } });
}

async function invite(project: TestProject, email: string, role: Role = "EXPERT") {
  return createInvitation(database(), await contextOf(project, "ADMIN"), ZInvitationCreate.parse({ email, role }));
}

describe("invitations", () => {
  it("creates an account and a membership with the invited role, once", async () => {
    const project = await makeProject();
    const email = `${unique("invitee")}@example.com`;
    const invitation = await invite(project, email, "ENGINEER");

    expect(await describeInvitation(database(), invitation.token)).toEqual({
      email,
      role: "ENGINEER",
      project: `Project ${project.slug}`,
      projectSlug: project.slug,
      hasAccount: false,
    });

    const accepted = await acceptInvitation(database(), null, { token: invitation.token, name: "New Person", password: "a long password 1" });
    expect(accepted).toEqual({ email, projectSlug: project.slug });

    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user.name).toBe("New Person");
    const ctx = await projectContextForUser(pool(), await actorOf(user.id), project.slug);
    expect(ctx.role).toBe("ENGINEER");
    expect((await authenticatePassword(db(), email, "a long password 1"))?.id).toBe(user.id);

    expect(await describeInvitation(database(), invitation.token)).toBeNull();
    expect(await codeOf(acceptInvitation(database(), null, { token: invitation.token, name: "Again", password: "another password 2" }))).toBe("token_invalid");

    expect(await audits("invitation.create", invitation.id)).toHaveLength(1);
    const accepts = await audits("invitation.accept", invitation.id);
    expect(accepts).toHaveLength(1);
    expect(accepts[0]).toMatchObject({ projectId: project.id, actorUserId: user.id });
  });

  it("lets only one of two simultaneous acceptances through", async () => {
    const project = await makeProject();
    const email = `${unique("race")}@example.com`;
    const { token, id } = await invite(project, email);
    const results = await Promise.allSettled([
      acceptInvitation(database(), null, { token, name: "First", password: "a long password 1" }),
      acceptInvitation(database(), null, { token, name: "Second", password: "a long password 2" }),
    ]);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0].reason as AppError).code).toBe("token_invalid");
    expect(await db().user.count({ where: { email } })).toBe(1);
    expect(await db().membership.count({ where: { projectId: project.id, user: { email } } })).toBe(1);
    expect(await audits("invitation.accept", id)).toHaveLength(1);
  });

  it("refuses an expired link", async () => {
    const project = await makeProject();
    const email = `${unique("late")}@example.com`;
    const { token, id } = await invite(project, email);
    await db().invitation.update({ where: { projectId_id: { projectId: project.id, id } }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    expect(await describeInvitation(database(), token)).toBeNull();
    expect(await codeOf(acceptInvitation(database(), null, { token, name: "Late", password: "a long password 1" }))).toBe("token_invalid");
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it("refuses a revoked link, and records the revocation", async () => {
    const project = await makeProject();
    const email = `${unique("revoked")}@example.com`;
    const { token, id } = await invite(project, email);
    await revokeInvitation(database(), await contextOf(project, "ADMIN"), id);
    expect(await describeInvitation(database(), token)).toBeNull();
    expect(await codeOf(acceptInvitation(database(), null, { token, name: "Too late", password: "a long password 1" }))).toBe("token_invalid");
    expect(await db().user.count({ where: { email } })).toBe(0);
    expect(await audits("invitation.revoke", id)).toHaveLength(1);
    // Revoking twice is a missing invitation, not a second audit row.
    expect(await codeOf(revokeInvitation(database(), await contextOf(project, "ADMIN"), id))).toBe("not_found");
    expect(await audits("invitation.revoke", id)).toHaveLength(1);
  });

  it("refuses to invite someone who is already a member", async () => {
    const project = await makeProject();
    expect(await codeOf(invite(project, project.users.VIEWER.email))).toBe("already_member");
    expect(await db().invitation.count({ where: { projectId: project.id, email: project.users.VIEWER.email } })).toBe(0);
  });

  it("is made only by members who manage members", async () => {
    const project = await makeProject();
    const ctx = await contextOf(project, "ENGINEER");
    expect(await codeOf(createInvitation(database(), ctx, ZInvitationCreate.parse({ email: `${unique("x")}@example.com`, role: "ADMIN" })))).toBe("forbidden");
  });

  it("makes an existing account sign in as that email to accept", async () => {
    const project = await makeProject();
    const elsewhere = await makeProject();
    const invitee = elsewhere.users.ENGINEER;
    const { token, id } = await invite(project, invitee.email, "VIEWER");
    expect((await describeInvitation(database(), token))?.hasAccount).toBe(true);

    expect(await codeOf(acceptInvitation(database(), null, { token }))).toBe("unauthenticated");
    const someoneElse = await actorOf(elsewhere.users.ADMIN.id);
    expect(await codeOf(acceptInvitation(database(), someoneElse, { token }))).toBe("unauthenticated");
    // A refused attempt does not use up the link.
    expect(await describeInvitation(database(), token)).not.toBeNull();
    expect(await db().membership.count({ where: { projectId: project.id, userId: invitee.id } })).toBe(0);

    expect(await acceptInvitation(database(), await actorOf(invitee.id), { token })).toEqual({ email: invitee.email, projectSlug: project.slug });
    expect((await projectContextForUser(pool(), await actorOf(invitee.id), project.slug)).role).toBe("VIEWER");
    expect(await audits("invitation.accept", id)).toHaveLength(1);
  });
});

describe("sign-in through an identity provider", () => {
  it("joins by invitation, refuses an unknown email, and refuses a deactivated account without using its invitations", async () => {
    const project = await makeProject();
    const email = `${unique("sso")}@example.com`;
    expect(await acceptInvitationsForExternalSignIn(db(), `${unique("stranger")}@example.com`, "Stranger")).toEqual({ refused: "no_invitation" });

    await invite(project, email, "VIEWER");
    const joined = await acceptInvitationsForExternalSignIn(db(), email, "Sso Person");
    expect(joined).toMatchObject({ email, name: "Sso Person" });
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect((await projectContextForUser(pool(), await actorOf(user.id), project.slug)).role).toBe("VIEWER");

    await db().user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    const other = await makeProject();
    const pending = await invite(other, email, "ENGINEER");
    expect(await acceptInvitationsForExternalSignIn(db(), email, "Sso Person")).toEqual({ refused: "deactivated" });
    expect((await db().invitation.findFirstOrThrow({ where: { id: pending.id } })).usedAt).toBeNull();
  });
});

describe("members", () => {
  it("keeps the last active admin from being demoted or deactivated", async () => {
    const project = await makeProject();
    const admin = await contextOf(project, "ADMIN");
    const adminMembership = await membershipId(project, project.users.ADMIN.id);

    expect(await codeOf(updateMember(database(), admin, adminMembership, { role: "ENGINEER" }))).toBe("last_admin");
    expect(await codeOf(updateMember(database(), admin, adminMembership, { deactivated: true }))).toBe("last_admin");
    expect(await audits("member.update", adminMembership)).toHaveLength(0);

    // An admin whose account is deactivated does not count as the second admin.
    const engineerMembership = await membershipId(project, project.users.ENGINEER.id);
    await updateMember(database(), admin, engineerMembership, { role: "ADMIN" });
    await db().user.update({ where: { id: project.users.ENGINEER.id }, data: { deactivatedAt: new Date() } });
    expect(await codeOf(updateMember(database(), admin, adminMembership, { role: "VIEWER" }))).toBe("last_admin");

    await db().user.update({ where: { id: project.users.ENGINEER.id }, data: { deactivatedAt: null } });
    const demoted = await updateMember(database(), admin, adminMembership, { role: "VIEWER" });
    expect(demoted.role).toBe("VIEWER");

    const events = await audits("member.update", adminMembership);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ projectId: project.id, actorUserId: project.users.ADMIN.id });
    expect(events[0].details).toMatchObject({ before: { role: "ADMIN" }, after: { role: "VIEWER" } });
  });

  it("takes a deactivated member out of the project at once", async () => {
    const project = await makeProject();
    const viewer = await actorOf(project.users.VIEWER.id);
    expect((await projectContextForUser(pool(), viewer, project.slug)).role).toBe("VIEWER");

    const viewerMembership = await membershipId(project, viewer.userId);
    const updated = await updateMember(database(), await contextOf(project, "ADMIN"), viewerMembership, { deactivated: true });
    expect(updated.deactivatedAt).not.toBeNull();
    expect(await codeOf(projectContextForUser(pool(), viewer, project.slug))).toBe("not_found");
    expect(await audits("member.update", viewerMembership)).toHaveLength(1);

    await updateMember(database(), await contextOf(project, "ADMIN"), viewerMembership, { deactivated: false });
    expect((await projectContextForUser(pool(), viewer, project.slug)).role).toBe("VIEWER");
  });

  it("are changed only by admins, and only in their own project", async () => {
    const project = await makeProject();
    const other = await makeProject();
    const viewerMembership = await membershipId(project, project.users.VIEWER.id);
    expect(await codeOf(updateMember(database(), await contextOf(project, "ENGINEER"), viewerMembership, { role: "ADMIN" }))).toBe("forbidden");
    expect(await codeOf(updateMember(database(), await contextOf(other, "ADMIN"), viewerMembership, { role: "ADMIN" }))).toBe("not_found");
    expect((await projectContextForUser(pool(), await actorOf(project.users.VIEWER.id), project.slug)).role).toBe("VIEWER");
  });
});

describe("password reset links", () => {
  it("work once, replace the old password and are recorded", async () => {
    const project = await makeProject();
    const expert = project.users.EXPERT;
    await db().user.update({ where: { id: expert.id }, data: { passwordHash: await hashPassword("the old password 1") } });
    expect((await authenticatePassword(db(), expert.email, "the old password 1"))?.id).toBe(expert.id);

    const link = await createMemberResetLink(database(), await contextOf(project, "ADMIN"), await membershipId(project, expert.id));
    expect(link.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(await findUsableReset(database(), link.token)).toEqual({ email: expert.email });

    expect(await usePasswordReset(database(), link.token, "the new password 2")).toEqual({ email: expert.email });
    expect(await findUsableReset(database(), link.token)).toBeNull();
    expect(await codeOf(usePasswordReset(database(), link.token, "a third password 3"))).toBe("token_invalid");

    expect((await authenticatePassword(db(), expert.email, "the new password 2"))?.id).toBe(expert.id);
    expect(await authenticatePassword(db(), expert.email, "the old password 1")).toBeNull();
    expect(await authenticatePassword(db(), expert.email, "a third password 3")).toBeNull();

    const issued = await audits("user.reset_link", expert.id);
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ projectId: project.id, actorUserId: project.users.ADMIN.id });
    expect(await audits("user.password_reset", expert.id)).toHaveLength(1);
  });

  it("are not made by members who cannot manage members", async () => {
    const project = await makeProject();
    const target = await membershipId(project, project.users.VIEWER.id);
    expect(await codeOf(createMemberResetLink(database(), await contextOf(project, "ENGINEER"), target))).toBe("forbidden");
    expect(await db().passwordReset.count({ where: { userId: project.users.VIEWER.id } })).toBe(0);
  });
});
