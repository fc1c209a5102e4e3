import { describe, expect, it } from "vitest";
import * as annotationsRoute from "../../app/api/v1/annotations/route";
import * as endUserRoute from "../../app/api/v1/end-users/[endUser]/traces/route";
import * as projectRoute from "../../app/api/v1/project/route";
import * as itemsRoute from "../../app/api/v1/queues/[queueId]/items/route";
import * as memberRoute from "../../app/api/v1/queues/[queueId]/members/[userId]/route";
import * as membersRoute from "../../app/api/v1/queues/[queueId]/members/route";
import * as orderingRoute from "../../app/api/v1/queues/[queueId]/ordering/route";
import * as progressRoute from "../../app/api/v1/queues/[queueId]/progress/route";
import * as queueRoute from "../../app/api/v1/queues/[queueId]/route";
import * as queuesRoute from "../../app/api/v1/queues/route";
import { pool } from "../../lib/db/client";
import { claimNext } from "../../lib/queues/claim";
import { submitLabels } from "../../lib/queues/submit";
import { openApiDocument } from "../../lib/traces/openapi";
import { call, makeProject, unique } from "../helpers/fixtures";
import { contextFor, makeRaters, makeRubricVersion, makeTraces, submission } from "../helpers/queues";

// The OpenAPI document describes answers by hand (the services return database rows, not zod
// output): the real answers of the queue and label routes must have exactly the documented fields.

type Schema = { $ref?: string; allOf?: Schema[]; type?: string; required?: string[]; properties?: Record<string, Schema>; items?: Schema };
const doc = JSON.parse(JSON.stringify(openApiDocument()));

function resolve(s: Schema): Schema {
  if (s.$ref) return resolve(doc.components.schemas[s.$ref.split("/").at(-1)!]);
  if (s.allOf) {
    const parts = s.allOf.map(resolve);
    return { type: "object", required: parts.flatMap((p) => p.required ?? []), properties: Object.assign({}, ...parts.map((p) => p.properties)) };
  }
  return s;
}

function expectShape(answer: unknown, raw: Schema, at: string): void {
  const s = resolve(raw);
  if (s.properties && answer && typeof answer === "object" && !Array.isArray(answer)) {
    // No field the document leaves out, and every field it calls required.
    expect(Object.keys(answer).filter((k) => !(k in s.properties!)), at).toEqual([]);
    expect((s.required ?? []).filter((k) => !(k in answer)), at).toEqual([]);
    for (const [k, v] of Object.entries(answer)) expectShape(v, s.properties[k], `${at}.${k}`);
  } else if (s.items && Array.isArray(answer)) {
    expect(answer.length, `${at} (an example is needed)`).toBeGreaterThan(0);
    expectShape(answer[0], s.items, `${at}[0]`);
  }
}

/** The answer has the documented success status and, at every level, the documented fields. */
function expectDocumented(answer: { status: number; json: unknown }, url: string, method: string, status: number): void {
  expect(answer.status, `${method} ${url}: ${JSON.stringify(answer.json)}`).toBe(status);
  expectShape(answer.json, doc.paths[url][method].responses[String(status)].content["application/json"].schema, `${method} ${url}`);
}

describe("the documented answers", () => {
  it("match what the queue, label and project routes return", async () => {
    const project = await makeProject();
    const [rater, other] = await makeRaters(project.id, 2);
    const version = await makeRubricVersion(project.id);
    const key = project.keys.FULL;
    const as = { key, origin: null } as const;

    const created = await call(queuesRoute.POST, { ...as, method: "POST", body: { name: unique("queue"), rubricVersionId: version.id, memberUserIds: [rater] } });
    expectDocumented(created, "/api/v1/queues", "post", 201);
    const queueId = created.json.id as string;
    const params = { queueId };

    const listed = await call(queuesRoute.GET, as);
    expectDocumented(listed, "/api/v1/queues", "get", 200);

    const [t0, t1] = await makeTraces(project.id, 2, (i) => ({ endUserId: i === 0 ? "end-user-1" : null }));
    const items = await call(itemsRoute.POST, { ...as, method: "POST", params, body: { traceIds: [t0, t1, t0, crypto.randomUUID()] } });
    expect(items.json.added).toBe(2);
    expectDocumented(items, "/api/v1/queues/{queueId}/items", "post", 200);

    const members = await call(membersRoute.POST, { ...as, method: "POST", params, body: { userIds: [other] } });
    expectDocumented(members, "/api/v1/queues/{queueId}/members", "post", 200);

    const ctx = await contextFor(project, rater);
    const lease = await claimNext(pool(), ctx, queueId, { exclude: [] });
    await submitLabels(pool(), ctx, queueId, lease!.itemId, submission());

    const progress = await call(progressRoute.GET, { ...as, params });
    expectDocumented(progress, "/api/v1/queues/{queueId}/progress", "get", 200);

    const annotations = await call(annotationsRoute.GET, { ...as, path: `/api/v1/annotations?queue=${queueId}` });
    expectDocumented(annotations, "/api/v1/annotations", "get", 200);

    const ordering = await call(orderingRoute.POST, { ...as, method: "POST", params, body: { ordering: { kind: "random", seed: 7 } } });
    expectDocumented(ordering, "/api/v1/queues/{queueId}/ordering", "post", 200);

    const patched = await call(queueRoute.PATCH, { ...as, method: "PATCH", params, body: { name: "renamed" } });
    expectDocumented(patched, "/api/v1/queues/{queueId}", "patch", 200);

    const removed = await call(memberRoute.DELETE, { ...as, method: "DELETE", params: { queueId, userId: other } });
    expectDocumented(removed, "/api/v1/queues/{queueId}/members/{userId}", "delete", 200);

    const me = await call(projectRoute.GET, as);
    expectDocumented(me, "/api/v1/project", "get", 200);

    const erased = await call(endUserRoute.DELETE, { ...as, method: "DELETE", path: "/api/v1/end-users/end-user-1/traces?reason=request", params: { endUser: "end-user-1" } });
    expectDocumented(erased, "/api/v1/end-users/{endUser}/traces", "delete", 200);
  });
});
