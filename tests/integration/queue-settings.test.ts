import { describe, expect, it } from "vitest";
import * as queueRoute from "@/app/api/projects/[project]/queues/[queueId]/route";
import * as v1QueueRoute from "@/app/api/v1/queues/[queueId]/route";
import { db, pool } from "@/lib/db/client";
import { claimNext } from "@/lib/queues/claim";
import { flagItem, skipItem } from "@/lib/queues/labeling";
import { listFlagged } from "@/lib/queues/progress";
import { call, makeProject } from "@/tests/helpers/fixtures";
import { contextFor, makeQueue, makeRaters } from "@/tests/helpers/queues";

// Changing a queue after creation through PATCH (session and public API): what is refused,
// who may, what the audit log keeps, and that a new order applies at once. Then the reasons
// raters give for skips and flags, as the engineers' view lists them.

async function setUp() {
  const project = await makeProject();
  const raters = await makeRaters(project.id, 1);
  const { queueId, traceIds } = await makeQueue(project, { items: 3, overlap: 1, raters });
  const patch = (body: unknown, as: { user?: string; key?: string } = { user: project.users.ENGINEER.id }) =>
    as.key
      ? call(v1QueueRoute.PATCH, { method: "PATCH", key: as.key, origin: null, params: { queueId }, body })
      : call(queueRoute.PATCH, { method: "PATCH", user: as.user, params: { project: project.slug, queueId }, body });
  return { project, raters, queueId, traceIds, patch };
}

describe("PATCH a queue", () => {
  it("refuses invalid changes with problem+json and field paths, and changes nothing", async () => {
    const { queueId, patch } = await setUp();
    const before = await db().queue.findFirstOrThrow({ where: { id: queueId } });
    const cases: [unknown, string][] = [
      [{}, "body"],
      [{ name: "   " }, "name"],
      [{ overlap: 0 }, "overlap"],
      [{ blind: "yes" }, "blind"],
      [{ instructions: "x".repeat(20_001) }, "instructions"],
      [{ ordering: { kind: "sideways" } }, "ordering.kind"],
      [{ ordering: { kind: "score" } }, "ordering.name"],
      [{ status: "DONE" }, "status"],
    ];
    for (const [body, path] of cases) {
      const res = await patch(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.json.code).toBe("validation_failed");
      expect(
        res.json.errors.map((e: { path: string }) => e.path),
        JSON.stringify(res.json.errors),
      ).toContain(path);
    }
    expect(await db().queue.findFirstOrThrow({ where: { id: queueId } })).toEqual(before);
    expect(await db().auditEvent.count({ where: { targetId: queueId, action: "queue.update" } })).toBe(0);
  });

  it("lets ENGINEERs, ADMINs and FULL keys change a queue, and refuses everyone else", async () => {
    const { project, raters, queueId, patch } = await setUp();
    const other = await makeProject();
    expect((await patch({ name: "by engineer" })).status).toBe(200);
    expect((await patch({ name: "by admin" }, { user: project.users.ADMIN.id })).status).toBe(200);
    expect((await patch({ name: "by key" }, { key: project.keys.FULL })).status).toBe(200);

    const refused = [
      [await patch({ name: "x" }, { user: project.users.EXPERT.id }), 403, "forbidden"],
      [await patch({ name: "x" }, { user: raters[0] }), 403, "forbidden"],
      [await patch({ name: "x" }, { user: project.users.VIEWER.id }), 403, "forbidden"],
      [await patch({ name: "x" }, { key: project.keys.INGEST }), 403, "forbidden"],
      [await patch({ name: "x" }, {}), 401, "unauthenticated"],
      // Another project's engineer, through their own project's slug and through ours.
      [
        await call(queueRoute.PATCH, { method: "PATCH", user: other.users.ENGINEER.id, params: { project: other.slug, queueId }, body: { name: "x" } }),
        404,
        "not_found",
      ],
      [
        await call(queueRoute.PATCH, { method: "PATCH", user: other.users.ENGINEER.id, params: { project: project.slug, queueId }, body: { name: "x" } }),
        404,
        "not_found",
      ],
      [await call(v1QueueRoute.PATCH, { method: "PATCH", key: other.keys.FULL, origin: null, params: { queueId }, body: { name: "x" } }), 404, "not_found"],
      [
        await call(queueRoute.PATCH, {
          method: "PATCH",
          user: project.users.ENGINEER.id,
          params: { project: project.slug, queueId: "not-a-uuid" },
          body: { name: "x" },
        }),
        404,
        "not_found",
      ],
    ] as const;
    for (const [res, status, code] of refused) {
      expect(res.status).toBe(status);
      expect(res.json.code).toBe(code);
    }
    expect((await db().queue.findFirstOrThrow({ where: { id: queueId } })).name).toBe("by key");
  });

  it("records who changed what in the audit log, leaving out fields that did not change", async () => {
    const { project, queueId, patch } = await setUp();
    const before = await db().queue.findFirstOrThrow({ where: { id: queueId } });
    const res = await patch({ name: "Renamed", instructions: "Judge the tone first.", blind: false });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: queueId, name: "Renamed", instructions: "Judge the tone first.", blind: false });
    const event = await db().auditEvent.findFirstOrThrow({ where: { projectId: project.id, targetId: queueId, action: "queue.update" } });
    expect(event).toMatchObject({ actorUserId: project.users.ENGINEER.id, actorApiKey: null, targetType: "queue" });
    // blind was already false: not a change.
    expect(event.details).toEqual({ name: { from: before.name, to: "Renamed" }, instructions: { from: "", to: "Judge the tone first." } });

    await patch({ blind: true }, { key: project.keys.FULL });
    const byKey = await db().auditEvent.findFirstOrThrow({
      where: { projectId: project.id, targetId: queueId, action: "queue.update", actorApiKey: { not: null } },
    });
    expect(byKey).toMatchObject({ actorUserId: null, details: { blind: { from: false, to: true } } });
  });

  it("applies a new order to every open item at once", async () => {
    const { project, raters, queueId, traceIds, patch } = await setUp();
    // The newest trace gets the highest thumbs score; by default the oldest comes first.
    for (const [i, traceId] of traceIds.entries()) {
      await db().score.create({
        data: { projectId: project.id, traceId, name: "thumbs", dataType: "NUMERIC", numberValue: i, source: "END_USER", raterName: "widget" },
      });
    }
    const highest = traceIds[traceIds.length - 1];
    const res = await patch({ ordering: { kind: "score", name: "thumbs", direction: "desc" } });
    expect(res.status).toBe(200);
    expect(res.json.ordering).toEqual({ kind: "score", name: "thumbs", direction: "desc" });
    const { rows: mismatched } = await pool().query(
      `SELECT s.id FROM queue_slots s JOIN queue_items i ON i.project_id = s.project_id AND i.id = s.queue_item_id WHERE s.queue_id = $1 AND s.priority <> i.priority`,
      [queueId],
    );
    expect(mismatched).toEqual([]);
    const claimed = await claimNext(pool(), await contextFor(project, raters[0]), queueId, { exclude: [] });
    expect((await db().queueItem.findFirstOrThrow({ where: { id: claimed!.itemId } })).traceId).toBe(highest);
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: queueId, action: "queue.update" } });
    expect(event.details).toEqual({ ordering: { from: { kind: "oldest" }, to: { kind: "score", name: "thumbs", direction: "desc" } } });
  });
});

describe("reasons for skips and flags", () => {
  it("lists items flagged, or skipped with a reason, with each rater's reason; a skip without one stays out", async () => {
    const project = await makeProject();
    const raters = await makeRaters(project.id, 2);
    const { queueId, manager } = await makeQueue(project, { items: 3, overlap: 2, raters });
    const [a, b] = await Promise.all(raters.map((r) => contextFor(project, r)));
    const first = (await claimNext(pool(), a, queueId, { exclude: [] }))!.itemId;
    await skipItem(pool(), a, queueId, first, { reason: "Not in English" });
    await flagItem(pool(), b, queueId, (await claimNext(pool(), b, queueId, { exclude: [] }))!.itemId, { flagged: true, reason: "Leaks an address" });
    const quiet = (await claimNext(pool(), a, queueId, { exclude: [first] }))!.itemId;
    await skipItem(pool(), a, queueId, quiet, {});

    const { items } = await listFlagged(pool(), manager, queueId);
    const byItem = Object.fromEntries(items.map((i) => [i.itemId, i]));
    expect(byItem[first].flags).toEqual([expect.objectContaining({ userId: raters[1], reason: "Leaks an address" })]);
    expect(byItem[first].skips).toEqual([expect.objectContaining({ userId: raters[0], reason: "Not in English" })]);
    expect(byItem[quiet]).toBeUndefined();
  });
});
