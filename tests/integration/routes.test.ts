import { beforeAll, describe, expect, it } from "vitest";
import { ROLE_SCOPES } from "@/lib/auth/scopes";
import { database, db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { type TestProject, call, makeProject, sessionCookie, unique } from "@/tests/helpers/fixtures";
import { addAdjudicator } from "@/lib/queues/adjudicators";
import { contextFor, makeQueue, makeRaters } from "@/tests/helpers/queues";
import { type RouteCase, allRoutes, callerFor, paramsFor, requestFor } from "@/tests/helpers/routes";

// Walks every route handler under app/api and proves that callers who may not use it are
// refused with the fixed codes: anonymous 401, another project's member 404, a role or key
// scope that lacks the permission 403. A new route is covered without anyone remembering to.

// Routes anyone may call, on purpose. Adding one here is a decision to review.
const PUBLIC = new Set([
  "/api/health GET",
  "/api/health/live GET",
  "/api/metrics GET",
  "/api/v1/openapi.json GET",
  "/api/signup POST",
  "/api/invitations/accept POST",
  "/api/password-resets POST",
]);

let routes: RouteCase[];
let home: TestProject;
let other: TestProject;
let outsider: string;
let revokedKey: string;

beforeAll(async () => {
  routes = await allRoutes();
  home = await makeProject();
  other = await makeProject();
  outsider = other.users.ADMIN.id;
  revokedKey = other.keys.FULL;
  await db().apiKey.updateMany({ where: { projectId: other.id, scope: "FULL" }, data: { revokedAt: new Date() } });
});

describe("every route refuses those who may not call it", () => {
  it("finds the routes, and every one is built with the request wrapper", async () => {
    expect(routes.length).toBeGreaterThan(15);
    for (const r of routes) expect(r.handler.meta, `${r.method} ${r.url}`).toBeDefined();
  });

  it("lists every public route on purpose", () => {
    const open = routes.filter((r) => r.handler.meta.kind === "public").map((r) => `${r.url} ${r.method}`);
    expect(open.sort()).toEqual([...PUBLIC].sort());
  });

  it("answers 401 to anonymous callers", async () => {
    for (const r of routes.filter((r) => r.handler.meta.kind !== "public")) {
      const res = await call(r.handler, { method: r.method, path: r.url, params: paramsFor(r.url, home), body: {} });
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
      expect(res.json.code).toBe("unauthenticated");
    }
  });

  it("answers 401 to a session ended by a password reset, a deactivation or signing out everywhere", async () => {
    const ended = await db().user.create({ data: { email: `${unique("ended")}@example.com`, name: "Ended", isInstanceAdmin: true } });
    await db().membership.create({ data: { projectId: home.id, userId: ended.id, role: "ADMIN" } });
    const cookie = await sessionCookie(ended.id);
    await db().user.update({ where: { id: ended.id }, data: { sessionsValidAfter: new Date() } });
    for (const r of routes.filter((r) => r.handler.meta.kind !== "public")) {
      const res = await call(r.handler, { method: r.method, path: r.url, params: paramsFor(r.url, home), headers: { cookie }, body: {} });
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it("answers 404 to a member of another project", async () => {
    for (const r of routes.filter((r) => r.handler.meta.kind === "project" && r.handler.meta.auth !== "apiKey")) {
      const res = await call(r.handler, { method: r.method, path: r.url, params: paramsFor(r.url, home), user: outsider, body: {} });
      expect(res.status, `${r.method} ${r.url}`).toBe(404);
    }
  });

  it("answers 403 to every role that lacks the permission", async () => {
    let checked = 0;
    for (const r of routes.filter((r) => r.handler.meta.kind === "project" && r.handler.meta.auth !== "apiKey")) {
      for (const role of Object.keys(ROLE_SCOPES) as Role[]) {
        if (ROLE_SCOPES[role].includes(r.handler.meta.scope!)) continue;
        const res = await call(r.handler, { method: r.method, path: r.url, params: paramsFor(r.url, home), user: home.users[role].id, body: {} });
        expect(res.status, `${role} ${r.method} ${r.url}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("refuses API keys on signed-in-only routes, and keys whose scope lacks the permission", async () => {
    for (const r of routes.filter((r) => r.handler.meta.kind !== "public")) {
      const { meta } = r.handler;
      const params = paramsFor(r.url, home);
      if (meta.kind === "user" || meta.auth === "session") {
        const res = await call(r.handler, { method: r.method, path: r.url, params, key: home.keys.FULL, body: {} });
        expect(res.status, `FULL key ${r.method} ${r.url}`).toBe(403);
        continue;
      }
      const ingest = await call(r.handler, { method: r.method, path: r.url, params, key: home.keys.INGEST, body: {} });
      if (!["traces:write", "scores:write"].includes(meta.scope!)) expect(ingest.status, `INGEST ${r.method} ${r.url}`).toBe(403);
      const revoked = await call(r.handler, { method: r.method, path: r.url, params, key: revokedKey, body: {} });
      expect(revoked.status, `revoked key ${r.method} ${r.url}`).toBe(401);
      if (r.url.includes("[project]")) {
        const foreign = await call(r.handler, { method: r.method, path: r.url, params, key: other.keys.INGEST, body: {} });
        expect(foreign.status, `other project's key ${r.method} ${r.url}`).toBe(404);
      }
    }
  });

  it("answers 403 to signed-in users who are not instance admins on admin routes", async () => {
    const adminRoutes = routes.filter((r) => r.handler.meta.instanceAdmin);
    expect(adminRoutes.length).toBeGreaterThan(3);
    for (const r of adminRoutes) {
      const res = await call(r.handler, { method: r.method, path: r.url, params: paramsFor(r.url, home), user: home.users.ADMIN.id, body: {} });
      expect(res.status, `${r.method} ${r.url}`).toBe(403);
    }
  });

  it("answers 401 to a deactivated account and 404 to a deactivated membership", async () => {
    const members = routes.find((r) => r.url === "/api/projects/[project]/members" && r.method === "GET")!;
    const project = await makeProject();
    await db().membership.updateMany({ where: { projectId: project.id, userId: project.users.VIEWER.id }, data: { deactivatedAt: new Date() } });
    await db().user.update({ where: { id: project.users.ENGINEER.id }, data: { deactivatedAt: new Date() } });
    const params = { project: project.slug };
    expect((await call(members.handler, { params, user: project.users.ADMIN.id })).status).toBe(200);
    expect((await call(members.handler, { params, user: project.users.VIEWER.id })).status).toBe(404);
    expect((await call(members.handler, { params, user: project.users.ENGINEER.id })).status).toBe(401);
  });
});

describe("an expert reads a rubric only through a queue assigned to them", () => {
  const route = (url: string, method: RouteCase["method"]) => routes.find((r) => r.url === url && r.method === method)!;

  it("refuses every rubrics route to an expert, drafts included", async () => {
    const rubricRoutes = routes.filter((r) => r.url.startsWith("/api/projects/[project]/rubrics"));
    expect(rubricRoutes.filter((r) => r.method === "GET").length).toBeGreaterThan(4);
    for (const r of rubricRoutes) {
      const res = await call(r.handler, { method: r.method, path: r.url, params: paramsFor(r.url, home), user: home.users.EXPERT.id, body: {} });
      expect(res.status, `EXPERT ${r.method} ${r.url}`).toBe(403);
    }
  });

  it("serves the queue's rubric version with the item to an assigned expert, and nothing to an unassigned one", async () => {
    const project = await makeProject();
    const [unassigned] = await makeRaters(project.id, 1);
    const { queueId } = await makeQueue(project, { items: 1, overlap: 1, raters: [project.users.EXPERT.id] });
    const { rubricVersionId } = await db().queue.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: queueId } } });
    const claim = route("/api/projects/[project]/queues/[queueId]/claim", "POST");
    const item = route("/api/projects/[project]/queues/[queueId]/items/[itemId]", "GET");
    const params = { project: project.slug, queueId };
    const claimed = await call(claim.handler, { method: "POST", params, user: project.users.EXPERT.id, body: {} });
    expect(claimed.status).toBe(200);
    const itemParams = { ...params, itemId: claimed.json.item.itemId };
    const view = await call(item.handler, { params: itemParams, user: project.users.EXPERT.id });
    expect(view.status).toBe(200);
    expect(view.json.rubricVersion).toMatchObject({ id: rubricVersionId, version: 1 });
    expect(view.json.rubricVersion.criteria.map((c: { key: string }) => c.key)).toEqual(["helpfulness", "correct", "rationale", "preferred", "issues"]);
    expect((await call(item.handler, { params: itemParams, user: unassigned })).status).toBe(404);
    expect((await call(claim.handler, { method: "POST", params, user: unassigned, body: {} })).status).toBe(404);
  });
});

describe("an expert named adjudicator of one queue", () => {
  it("passes every adjudicator route of that queue without the scope, and is refused (403) on another queue; an outsider gets 404", async () => {
    const adjudicatorRoutes = routes.filter((r) => r.handler.meta.adjudicatorOf);
    expect(adjudicatorRoutes.length).toBeGreaterThan(0);
    const project = await makeProject();
    const [expert] = await makeRaters(project.id, 1);
    const mine = await makeQueue(project, { items: 1, overlap: 1, raters: [project.users.EXPERT.id] });
    const theirs = await makeQueue(project, { items: 1, overlap: 1, raters: [project.users.EXPERT.id] });
    await addAdjudicator(database(), await contextFor(project, project.users.ADMIN.id), mine.queueId, expert);
    for (const r of adjudicatorRoutes) {
      const params = (queueId: string) => ({ ...paramsFor(r.url, project), [r.handler.meta.adjudicatorOf!]: queueId });
      const allowed = await call(r.handler, { method: r.method, path: r.url, params: params(mine.queueId), user: expert, body: {} });
      expect(
        [403, 401].includes(allowed.status) && allowed.json?.code !== "adjudicator_labelled",
        `${r.method} ${r.url}: ${allowed.status} ${allowed.text}`,
      ).toBe(false);
      const refused = await call(r.handler, { method: r.method, path: r.url, params: params(theirs.queueId), user: expert, body: {} });
      expect(refused.status, `other queue ${r.method} ${r.url}`).toBe(403);
      const outside = await call(r.handler, { method: r.method, path: r.url, params: params(mine.queueId), user: outsider, body: {} });
      expect(outside.status, `outsider ${r.method} ${r.url}`).toBe(404);
    }
  });
});

describe("a queue of another project", () => {
  it("is not found (404) on every agreement route, for a caller who holds the route's scope in their own project", async () => {
    // The report, disagreements, consensus, gold, adjudications and adjudicators of a queue.
    const parts = ["agreement", "disagreements", "consensus", "gold", "adjudications", "adjudicators"];
    const queueRoutes = routes.filter((r) => r.url.includes("[queueId]") && parts.some((part) => r.url.split("/").includes(part)));
    for (const part of parts)
      expect(
        queueRoutes.some((r) => r.url.split("/").includes(part)),
        part,
      ).toBe(true);
    expect(queueRoutes.length).toBeGreaterThanOrEqual(10);
    const foreign = await makeQueue(other, { items: 1, overlap: 1, raters: [other.users.EXPERT.id] });
    for (const r of queueRoutes) {
      const request = requestFor(r, home, unique("foreign-queue"));
      const [url, search] = request.path.split("?");
      const query = new URLSearchParams(search ?? "");
      const body = request.body && typeof request.body === "object" ? { ...(request.body as Record<string, unknown>) } : request.body;
      const params = { ...request.params, queueId: foreign.queueId };
      const send = () => call(r.handler, { ...request, path: `${url}?${query}`, body, params, ...callerFor(r, home, outsider) });
      let res = await send();
      // A sampled request can miss a pattern or break a rule across fields ("exactly one of
      // labelId or value"): the fields named are left out and the request is sent again.
      for (let tries = 0; res.status === 422 && tries < 3; tries++) {
        for (const { path } of res.json.errors as { path: string }[]) {
          query.delete(path.split(".")[0]);
          if (body && typeof body === "object") delete (body as Record<string, unknown>)[path.split(".")[0]];
        }
        res = await send();
      }
      expect(res.status, `${r.method} ${r.url}: ${res.text}`).toBe(404);
    }
  });
});

describe("cookie-authenticated writes need our own Origin", () => {
  it("refuses a missing, null or foreign Origin and accepts our own", async () => {
    const invite = routes.find((r) => r.url === "/api/projects/[project]/invitations" && r.method === "POST")!;
    const base = { method: "POST", params: { project: home.slug }, user: home.users.ADMIN.id, body: { email: `${unique("o")}@example.com`, role: "EXPERT" } };
    for (const origin of [null, "null", "https://evil.example"]) {
      const res = await call(invite.handler, { ...base, origin });
      expect(res.status, String(origin)).toBe(403);
      expect(res.json.code).toBe("origin_rejected");
    }
    expect((await call(invite.handler, base)).status).toBe(201);
  });

  it("does not ask API-key callers for an Origin", async () => {
    const whoami = routes.find((r) => r.url === "/api/v1/project")!;
    const res = await call(whoami.handler, { key: home.keys.FULL, origin: null });
    expect(res.status).toBe(200);
    expect(res.json.project.slug).toBe(home.slug);
  });
});
