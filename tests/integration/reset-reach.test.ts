import { describe, expect, it } from "vitest";
import * as adminResetLink from "@/app/api/admin/users/[userId]/reset-link/route";
import * as acceptInvitationRoute from "@/app/api/invitations/accept/route";
import * as passwordResets from "@/app/api/password-resets/route";
import * as apiKeys from "@/app/api/projects/[project]/api-keys/route";
import * as invitations from "@/app/api/projects/[project]/invitations/route";
import * as member from "@/app/api/projects/[project]/members/[memberId]/route";
import * as memberResetLink from "@/app/api/projects/[project]/members/[memberId]/reset-link/route";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { authenticatePassword } from "@/lib/users/service";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";

// A password-reset link hands an account to whoever holds it. A project admin reaches only
// accounts that exist for their project alone; everything else is the instance admin's.

async function join(project: TestProject, userId: string, role: Role): Promise<string> {
  const m = await db().membership.create({ data: { projectId: project.id, userId, role } });
  return m.id;
}

async function membershipId(project: TestProject, userId: string): Promise<string> {
  return (await db().membership.findUniqueOrThrow({ where: { projectId_userId: { projectId: project.id, userId } } })).id;
}

async function resetAsProjectAdmin(project: TestProject, membership: string) {
  return call(memberResetLink.POST, { method: "POST", user: project.users.ADMIN.id, params: { project: project.slug, memberId: membership } });
}

function tokenOf(url: string): string {
  return url.split("/reset/")[1];
}

async function redeem(token: string, password: string) {
  return call(passwordResets.POST, { method: "POST", body: { token, password } });
}

describe("a project admin's reset link", () => {
  it("is refused for a member who is admin of another project, who keeps their password", async () => {
    const [a, b] = [await makeProject(), await makeProject()];
    const victim = a.users.ADMIN;
    await db().user.update({ where: { id: victim.id }, data: { passwordHash: await hashPassword("victim password 1") } });
    const inB = await join(b, victim.id, "VIEWER");

    const issued = await resetAsProjectAdmin(b, inB);
    expect(issued.status).toBe(403);
    expect(issued.json.code).toBe("forbidden");
    expect(await db().passwordReset.count({ where: { userId: victim.id } })).toBe(0);
    expect((await authenticatePassword(db(), victim.email, "victim password 1"))?.id).toBe(victim.id);
  });

  it("is refused for an instance admin, and for a member deactivated elsewhere", async () => {
    const [a, b] = [await makeProject(), await makeProject()];
    const instanceAdmin = await db().user.create({ data: { email: `${unique("root")}@example.com`, name: "Root", isInstanceAdmin: true } });
    expect((await resetAsProjectAdmin(b, await join(b, instanceAdmin.id, "VIEWER"))).status).toBe(403);

    const formerlyA = a.users.EXPERT;
    await db().membership.update({ where: { projectId_userId: { projectId: a.id, userId: formerlyA.id } }, data: { deactivatedAt: new Date() } });
    expect((await resetAsProjectAdmin(b, await join(b, formerlyA.id, "VIEWER"))).status).toBe(403);
  });

  it("works for an account of this project alone, and ends at redemption if it joined another project since", async () => {
    const [a, b] = [await makeProject(), await makeProject()];
    const onlyB = b.users.VIEWER;
    const first = await resetAsProjectAdmin(b, await membershipId(b, onlyB.id));
    expect(first.status).toBe(201);
    const second = await resetAsProjectAdmin(b, await membershipId(b, onlyB.id));

    expect((await redeem(tokenOf(first.json.url), "a new password 1")).status).toBe(200);
    expect((await authenticatePassword(db(), onlyB.email, "a new password 1"))?.id).toBe(onlyB.id);

    await join(a, onlyB.id, "ENGINEER");
    const late = await redeem(tokenOf(second.json.url), "a takeover password 2");
    expect(late.status).toBe(410);
    expect(late.json.code).toBe("token_invalid");
    expect(await authenticatePassword(db(), onlyB.email, "a takeover password 2")).toBeNull();
  });

  it("ends at redemption if its issuer is no longer an admin of the project", async () => {
    const b = await makeProject();
    const issued = await resetAsProjectAdmin(b, await membershipId(b, b.users.EXPERT.id));
    expect(issued.status).toBe(201);
    await db().membership.update({ where: { projectId_userId: { projectId: b.id, userId: b.users.ADMIN.id } }, data: { role: "VIEWER" } });
    expect((await redeem(tokenOf(issued.json.url), "a new password 3")).status).toBe(410);
  });
});

describe("the instance admin's reset link", () => {
  it("reaches any account, and only the instance admin makes it", async () => {
    const [a, b] = [await makeProject(), await makeProject()];
    const target = a.users.ADMIN;
    await join(b, target.id, "VIEWER");
    const root = await db().user.create({ data: { email: `${unique("root")}@example.com`, name: "Root", isInstanceAdmin: true } });

    const refused = await call(adminResetLink.POST, { method: "POST", user: b.users.ADMIN.id, params: { userId: target.id } });
    expect(refused.status).toBe(403);
    const issued = await call(adminResetLink.POST, { method: "POST", user: root.id, params: { userId: target.id } });
    expect(issued.status).toBe(201);
    expect((await redeem(tokenOf(issued.json.url), "reset by root 1")).status).toBe(200);
    expect((await authenticatePassword(db(), target.email, "reset by root 1"))?.id).toBe(target.id);
  });
});

describe("what a project admin does to a member of other projects", () => {
  it("deactivating them ends only this project's membership", async () => {
    const [a, b] = [await makeProject(), await makeProject()];
    const both = a.users.ADMIN;
    const inB = await join(b, both.id, "VIEWER");
    const deactivated = await call(member.PATCH, {
      method: "PATCH",
      user: b.users.ADMIN.id,
      params: { project: b.slug, memberId: inB },
      body: { deactivated: true },
    });
    expect(deactivated.status).toBe(200);

    expect((await db().user.findUniqueOrThrow({ where: { id: both.id } })).deactivatedAt).toBeNull();
    expect((await call(apiKeys.GET, { user: both.id, params: { project: a.slug } })).status).toBe(200);
    expect((await call(apiKeys.GET, { user: both.id, params: { project: b.slug } })).status).toBe(404);
  });

  it("inviting their email does not hand the account to whoever accepts", async () => {
    const [a, b] = [await makeProject(), await makeProject()];
    const victim = a.users.ADMIN;
    await db().user.update({ where: { id: victim.id }, data: { passwordHash: await hashPassword("victim password 1") } });
    const invited = await call(invitations.POST, {
      method: "POST",
      user: b.users.ADMIN.id,
      params: { project: b.slug },
      body: { email: victim.email, role: "ADMIN" },
    });
    expect(invited.status).toBe(201);
    const token = invited.json.url.split("/invite/")[1];

    const anonymous = await call(acceptInvitationRoute.POST, { method: "POST", body: { token, name: "Attacker", password: "attacker password 1" } });
    expect(anonymous.status).toBe(401);
    const asSomeoneElse = await call(acceptInvitationRoute.POST, { method: "POST", user: b.users.ADMIN.id, body: { token } });
    expect(asSomeoneElse.status).toBe(401);
    expect(await authenticatePassword(db(), victim.email, "attacker password 1")).toBeNull();
    expect((await authenticatePassword(db(), victim.email, "victim password 1"))?.id).toBe(victim.id);
    expect(await db().membership.count({ where: { projectId: b.id, userId: victim.id } })).toBe(0);
  });
});
