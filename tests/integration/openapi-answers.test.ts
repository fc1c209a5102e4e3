import { describe, expect, it } from "vitest";
import * as claimRoute from "@/app/api/projects/[project]/queues/[queueId]/claim/route";
import * as historyRoute from "@/app/api/projects/[project]/queues/[queueId]/history/route";
import * as commentsRoute from "@/app/api/projects/[project]/queues/[queueId]/items/[itemId]/comments/route";
import * as itemRoute from "@/app/api/projects/[project]/queues/[queueId]/items/[itemId]/route";
import * as annotationsRoute from "@/app/api/v1/annotations/route";
import * as endUserRoute from "@/app/api/v1/end-users/[endUser]/traces/route";
import * as projectRoute from "@/app/api/v1/project/route";
import * as itemsRoute from "@/app/api/v1/queues/[queueId]/items/route";
import * as memberRoute from "@/app/api/v1/queues/[queueId]/members/[userId]/route";
import * as membersRoute from "@/app/api/v1/queues/[queueId]/members/route";
import * as orderingRoute from "@/app/api/v1/queues/[queueId]/ordering/route";
import * as progressRoute from "@/app/api/v1/queues/[queueId]/progress/route";
import * as queueRoute from "@/app/api/v1/queues/[queueId]/route";
import * as queuesRoute from "@/app/api/v1/queues/route";
import { pool } from "@/lib/db/client";
import type { Handler } from "@/lib/http/handler";
import { claimNext } from "@/lib/queues/claim";
import { submitLabels } from "@/lib/queues/submit";
import { call, makeProject, unique } from "@/tests/helpers/fixtures";
import { contextFor, makeRaters, makeRubricVersion, makeTraces, submission } from "@/tests/helpers/queues";

// Each route's answer schema is what the OpenAPI document shows and what the wrapper checks
// answers against outside production. Here every queue, label and project route answers for
// real, and its answer is parsed with the schema again, whatever the environment.

type Route = { meta: Handler["meta"] };

/** The answer has the route's success status and matches the route's answer schema. */
function expectDocumented(answer: { status: number; json: unknown }, route: Route, what: string): void {
  expect(answer.status, `${what}: ${JSON.stringify(answer.json)}`).toBe(route.meta.status);
  const parsed = route.meta.answer!.safeParse(answer.json);
  expect(parsed.error?.issues ?? [], what).toEqual([]);
}

describe("the answer schemas", () => {
  it("match what the queue, label and project routes answer", async () => {
    const project = await makeProject();
    const [rater, other] = await makeRaters(project.id, 2);
    const version = await makeRubricVersion(project.id);
    const key = project.keys.FULL;
    const as = { key, origin: null } as const;

    const created = await call(queuesRoute.POST, {
      ...as,
      method: "POST",
      body: { name: unique("queue"), rubricVersionId: version.id, memberUserIds: [rater] },
    });
    expectDocumented(created, queuesRoute.POST, "POST /api/v1/queues");
    const queueId = created.json.id as string;
    const params = { queueId };

    const listed = await call(queuesRoute.GET, as);
    expectDocumented(listed, queuesRoute.GET, "GET /api/v1/queues");

    const [t0, t1] = await makeTraces(project.id, 2, (i) => ({ endUserId: i === 0 ? "end-user-1" : null }));
    const items = await call(itemsRoute.POST, { ...as, method: "POST", params, body: { traceIds: [t0, t1, t0, crypto.randomUUID()] } });
    expect(items.json.added).toBe(2);
    expectDocumented(items, itemsRoute.POST, "POST /api/v1/queues/{queueId}/items");

    const members = await call(membersRoute.POST, { ...as, method: "POST", params, body: { userIds: [other] } });
    expectDocumented(members, membersRoute.POST, "POST /api/v1/queues/{queueId}/members");

    const ctx = await contextFor(project, rater);
    const lease = await claimNext(pool(), ctx, queueId, { exclude: [] });
    await submitLabels(pool(), ctx, queueId, lease!.itemId, submission());

    const progress = await call(progressRoute.GET, { ...as, params });
    expectDocumented(progress, progressRoute.GET, "GET /api/v1/queues/{queueId}/progress");

    const annotations = await call(annotationsRoute.GET, { ...as, path: `/api/v1/annotations?queue=${queueId}` });
    expectDocumented(annotations, annotationsRoute.GET, "GET /api/v1/annotations");

    const ordering = await call(orderingRoute.POST, { ...as, method: "POST", params, body: { ordering: { kind: "random", seed: 7 } } });
    expectDocumented(ordering, orderingRoute.POST, "POST /api/v1/queues/{queueId}/ordering");

    const patched = await call(queueRoute.PATCH, { ...as, method: "PATCH", params, body: { name: "renamed" } });
    expectDocumented(patched, queueRoute.PATCH, "PATCH /api/v1/queues/{queueId}");

    const removed = await call(memberRoute.DELETE, { ...as, method: "DELETE", params: { queueId, userId: other } });
    expectDocumented(removed, memberRoute.DELETE, "DELETE /api/v1/queues/{queueId}/members/{userId}");

    const me = await call(projectRoute.GET, as);
    expectDocumented(me, projectRoute.GET, "GET /api/v1/project");

    const erased = await call(endUserRoute.DELETE, {
      ...as,
      method: "DELETE",
      path: "/api/v1/end-users/end-user-1/traces?reason=request",
      params: { endUser: "end-user-1" },
    });
    expectDocumented(erased, endUserRoute.DELETE, "DELETE /api/v1/end-users/{endUser}/traces");
  });

  it("match what the labeling screen's session routes answer", async () => {
    const project = await makeProject();
    const [rater, other] = await makeRaters(project.id, 2);
    const version = await makeRubricVersion(project.id);
    const as = { key: project.keys.FULL, origin: null } as const;
    const created = await call(queuesRoute.POST, {
      ...as,
      method: "POST",
      body: { name: unique("queue"), rubricVersionId: version.id, overlap: 2, memberUserIds: [rater, other] },
    });
    const queueId = created.json.id as string;
    const params = { project: project.slug, queueId };
    await call(itemsRoute.POST, { ...as, method: "POST", params: { queueId }, body: { traceIds: await makeTraces(project.id, 2) } });

    const claimed = await call(claimRoute.POST, { method: "POST", user: rater, params, body: {} });
    expectDocumented(claimed, claimRoute.POST, "POST claim");
    const itemId = claimed.json.item.itemId as string;
    const commented = await call(commentsRoute.POST, { method: "POST", user: rater, params: { ...params, itemId }, body: { body: "unclear input" } });
    expectDocumented(commented, commentsRoute.POST, "POST comments");
    await submitLabels(pool(), await contextFor(project, rater), queueId, itemId, submission());

    // The other rater sees the item leased, with the first rater's label and comment.
    await claimNext(pool(), await contextFor(project, other), queueId, { exclude: [] });
    const viewed = await call(itemRoute.GET, { user: other, params: { ...params, itemId } });
    expectDocumented(viewed, itemRoute.GET, "GET item");
    expect(viewed.json.others.labels.length).toBeGreaterThan(0);
    expect(viewed.json.comments.length).toBe(1);
    expectDocumented(await call(itemRoute.GET, { user: rater, params: { ...params, itemId } }), itemRoute.GET, "GET item (submitted)");

    const history = await call(historyRoute.GET, { user: rater, params });
    expectDocumented(history, historyRoute.GET, "GET history");
    expect(history.json.items).toHaveLength(1);
    const empty = await call(claimRoute.POST, { method: "POST", user: rater, params, body: { exclude: [] } });
    expectDocumented(empty, claimRoute.POST, "POST claim (another item)");
  });
});
