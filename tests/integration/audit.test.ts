import { describe, expect, it } from "vitest";
import * as sessionAuditRoute from "@/app/api/projects/[project]/audit/route";
import * as apiKeysRoute from "@/app/api/projects/[project]/api-keys/route";
import * as v1AuditRoute from "@/app/api/v1/audit/route";
import { V1_ROUTES } from "@/app/api/v1/openapi.json/routes";
import * as queueRoute from "@/app/api/v1/queues/[queueId]/route";
import * as queuesRoute from "@/app/api/v1/queues/route";
import { openApiDocument } from "@/lib/http/openapi";
import { call, makeProject, unique } from "@/tests/helpers/fixtures";
import { makeRubricVersion } from "@/tests/helpers/queues";

// The audit log as admins read it: newest first, filtered, paged without gaps or repeats, and
// only their own project's.

type Event = {
  id: string;
  at: string;
  action: string;
  summary: string;
  targetId: string | null;
  actor: { kind: string; id?: string; email?: string; name?: string };
};

describe("the audit log reader", () => {
  it("lists a project's events newest first with who acted, filters them, and pages through them", async () => {
    const project = await makeProject();
    const other = await makeProject();
    const admin = project.users.ADMIN;
    const adminCall = (query = "") =>
      call(sessionAuditRoute.GET, { user: admin.id, params: { project: project.slug }, path: `/api/projects/${project.slug}/audit${query}` });

    // An ADMIN key made through the Members-page route, then queue work done with a FULL key.
    const key = await call(apiKeysRoute.POST, {
      method: "POST",
      user: admin.id,
      params: { project: project.slug },
      body: { name: "audit shipper", scope: "ADMIN" },
    });
    expect(key.status).toBe(201);
    const version = await makeRubricVersion(project.id);
    const created = await call(queuesRoute.POST, {
      method: "POST",
      key: project.keys.FULL,
      origin: null,
      body: { name: unique("q"), rubricVersionId: version.id },
    });
    await call(queueRoute.PATCH, { method: "PATCH", key: project.keys.FULL, origin: null, params: { queueId: created.json.id }, body: { overlap: 2 } });
    await call(queuesRoute.POST, {
      method: "POST",
      key: other.keys.FULL,
      origin: null,
      body: { name: unique("q"), rubricVersionId: (await makeRubricVersion(other.id)).id },
    });

    const all = await adminCall();
    expect(all.status).toBe(200);
    const events = all.json.events as Event[];
    const actions = (list: Event[]) => list.map((e) => e.action).sort();
    expect(actions(events)).toEqual(["apikey.create", "queue.create", "queue.update"]);
    // Newest first; events of one millisecond in id order, as the cursor pages them.
    const newestFirst = [...events].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : -1));
    expect(events.map((e) => e.id)).toEqual(newestFirst.map((e) => e.id));
    const byAction = Object.fromEntries(events.map((e) => [e.action, e]));
    expect(byAction["queue.update"]).toMatchObject({
      targetId: created.json.id,
      actor: { kind: "apiKey", name: "full" },
      summary: expect.stringContaining("settings changed"),
    });
    expect(byAction["apikey.create"].actor).toEqual({ kind: "user", id: admin.id, email: admin.email });

    expect(actions((await adminCall("?action=queue.*")).json.events)).toEqual(["queue.create", "queue.update"]);
    expect(actions((await adminCall("?action=apikey.create")).json.events)).toEqual(["apikey.create"]);
    expect(actions((await adminCall(`?actor=${admin.id}`)).json.events)).toEqual(["apikey.create"]);
    expect((await adminCall(`?until=${encodeURIComponent(byAction["apikey.create"].at)}`)).json.events).toEqual([]);

    // One at a time, every event exactly once, in the same order.
    const paged: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page = await adminCall(`?limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      paged.push(...(page.json.events as Event[]).map((e) => e.id));
      cursor = page.json.nextCursor;
    }
    expect(paged).toEqual(events.map((e) => e.id));

    expect((await adminCall("?action=queue.nonsense")).status).toBe(422);
    expect((await adminCall("?cursor=not-ours")).json.code).toBe("validation_failed");
  });

  it("is for admins: ADMIN keys and sessions read it, engineers and FULL keys do not, other projects see nothing", async () => {
    const project = await makeProject();
    const other = await makeProject();
    const key = await call(apiKeysRoute.POST, {
      method: "POST",
      user: project.users.ADMIN.id,
      params: { project: project.slug },
      body: { name: "shipper", scope: "ADMIN" },
    });
    const byKey = await call(v1AuditRoute.GET, { key: key.json.secret, origin: null, path: "/api/v1/audit" });
    expect(byKey.status).toBe(200);
    expect((byKey.json.events as Event[]).map((e) => e.action)).toEqual(["apikey.create"]);
    // The answer has exactly the documented fields.
    const documented = openApiDocument(V1_ROUTES).paths["/api/v1/audit"].get.responses["200"].content["application/json"].schema as { required: string[] };
    expect(Object.keys(byKey.json).sort()).toEqual([...documented.required].sort());

    expect((await call(v1AuditRoute.GET, { key: project.keys.FULL, origin: null, path: "/api/v1/audit" })).status).toBe(403);
    expect((await call(sessionAuditRoute.GET, { user: project.users.ENGINEER.id, params: { project: project.slug } })).status).toBe(403);
    expect((await call(sessionAuditRoute.GET, { user: other.users.ADMIN.id, params: { project: project.slug } })).status).toBe(404);
  });
});
