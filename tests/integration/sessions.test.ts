import { describe, expect, it } from "vitest";
import * as endSessions from "@/app/api/account/sessions/route";
import * as adminUser from "@/app/api/admin/users/[userId]/route";
import * as passwordResets from "@/app/api/password-resets/route";
import * as projects from "@/app/api/projects/route";
import * as members from "@/app/api/projects/[project]/members/route";
import * as memberResetLink from "@/app/api/projects/[project]/members/[memberId]/reset-link/route";
import { db } from "@/lib/db/client";
import type { Handler } from "@/lib/http/handler";
import { type TestProject, call, makeProject, sessionCookie, unique } from "@/tests/helpers/fixtures";

// Session tokens are signed, not stored: a password reset, a deactivation and "sign out
// everywhere" end a user's sessions by moving the instant before which their tokens are refused.

async function statuses(project: TestProject, cookie: string): Promise<number[]> {
  const asCookie = (handler: Handler, params: Record<string, string> = {}) => call(handler, { headers: { cookie }, params });
  return [(await asCookie(projects.GET)).status, (await asCookie(members.GET, { project: project.slug })).status];
}

describe("ending sessions", () => {
  it("a password reset ends every session signed in before it", async () => {
    const project = await makeProject();
    const viewer = project.users.VIEWER;
    const before = await sessionCookie(viewer.id);
    expect(await statuses(project, before)).toEqual([200, 200]);

    const membership = await db().membership.findUniqueOrThrow({ where: { projectId_userId: { projectId: project.id, userId: viewer.id } } });
    const link = await call(memberResetLink.POST, { method: "POST", user: project.users.ADMIN.id, params: { project: project.slug, memberId: membership.id } });
    const reset = await call(passwordResets.POST, { method: "POST", body: { token: link.json.url.split("/reset/")[1], password: "a fresh password 1" } });
    expect(reset.status).toBe(200);

    expect(await statuses(project, before)).toEqual([401, 401]);
    expect(await statuses(project, await sessionCookie(viewer.id))).toEqual([200, 200]);
  });

  it("signing out everywhere ends this session and every other, remembered or not", async () => {
    const project = await makeProject();
    const engineer = project.users.ENGINEER;
    const [here, elsewhere] = [await sessionCookie(engineer.id), await sessionCookie(engineer.id, Date.now() - 60_000)];
    expect(await statuses(project, here)).toEqual([200, 200]);
    expect(await statuses(project, elsewhere)).toEqual([200, 200]);

    const ended = await call(endSessions.DELETE, { method: "DELETE", headers: { cookie: here } });
    expect(ended.status).toBe(204);
    expect(await statuses(project, here)).toEqual([401, 401]);
    expect(await statuses(project, elsewhere)).toEqual([401, 401]);
    expect(await db().auditEvent.count({ where: { action: "user.sign_out_everywhere", targetId: engineer.id } })).toBe(1);
  });

  it("a deactivation ends sessions for good: reactivating the account does not revive them", async () => {
    const project = await makeProject();
    const viewer = project.users.VIEWER;
    const root = await db().user.create({ data: { email: `${unique("root")}@example.com`, name: "Root", isInstanceAdmin: true } });
    const before = await sessionCookie(viewer.id);
    expect(await statuses(project, before)).toEqual([200, 200]);

    for (const deactivated of [true, false]) {
      const changed = await call(adminUser.PATCH, { method: "PATCH", user: root.id, params: { userId: viewer.id }, body: { deactivated } });
      expect(changed.status).toBe(200);
    }
    expect(await statuses(project, before)).toEqual([401, 401]);
  });
});
