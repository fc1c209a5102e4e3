import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as claimRoute from "@/app/api/projects/[project]/queues/[queueId]/claim/route";
import * as itemRoute from "@/app/api/projects/[project]/queues/[queueId]/items/[itemId]/route";
import * as submitRoute from "@/app/api/projects/[project]/queues/[queueId]/items/[itemId]/submit/route";
import * as annotationsRoute from "@/app/api/v1/annotations/route";
import * as exportRoute from "@/app/api/v1/annotations/export/route";
import * as v1ItemsRoute from "@/app/api/v1/queues/[queueId]/items/route";
import * as v1QueuesRoute from "@/app/api/v1/queues/route";
import { database, db, pool } from "@/lib/db/client";
import { CSV_COLUMNS } from "@/lib/exports/labels";
import { claimNext } from "@/lib/queues/claim";
import { addComment } from "@/lib/queues/comments";
import { addItems, reorderQueue } from "@/lib/queues/items";
import { flagItem, saveLabelDraft } from "@/lib/queues/labeling";
import { createQueue, removeMember, updateQueue } from "@/lib/queues/manage";
import { listFlagged, queueProgress } from "@/lib/queues/progress";
import { reviseLabels } from "@/lib/queues/revise";
import { ZItemsAdd, ZQueueCreate } from "@/lib/queues/schemas";
import { submitLabels } from "@/lib/queues/submit";
import { getItem, listHistory } from "@/lib/queues/view";
import { call, codeOf, makeProject } from "@/tests/helpers/fixtures";
import { GOOD_LABELS, contextFor, makeQueue, makeRaters, makeRubricVersion, makeTraces, submission } from "@/tests/helpers/queues";

// A queue's life through the services and routes: set-up, labeling rules, blind mode,
// changes while raters work, and labels out.

describe("setting a queue up", () => {
  it("refuses a draft rubric version, and adds items once, reporting duplicates and unknown traces", async () => {
    const project = await makeProject();
    const manager = await contextFor(project, project.users.ENGINEER.id);
    const draft = await makeRubricVersion(project.id, "DRAFT");
    expect(await codeOf(createQueue(database(), manager, ZQueueCreate.parse({ name: "q", rubricVersionId: draft.id })))).toBe("validation_failed");
    // A VIEWER cannot be assigned to label.
    const published = await makeRubricVersion(project.id);
    expect(
      await codeOf(
        createQueue(database(), manager, ZQueueCreate.parse({ name: "q", rubricVersionId: published.id, memberUserIds: [project.users.VIEWER.id] })),
      ),
    ).toBe("validation_failed");
    const queue = await createQueue(
      database(),
      manager,
      ZQueueCreate.parse({ name: "q", rubricVersionId: published.id, overlap: 2, memberUserIds: [project.users.EXPERT.id] }),
    );
    const traces = await makeTraces(project.id, 3);
    const unknown = randomUUID();
    const result = await addItems(database(), manager, queue.id, ZItemsAdd.parse({ traceIds: [traces[0], traces[1], traces[0], unknown] }));
    expect(result).toEqual({ added: 2, duplicates: [{ traceId: traces[0] }], missing: [{ traceId: unknown }] });
    const again = await addItems(database(), manager, queue.id, ZItemsAdd.parse({ traceIds: [traces[1], traces[2]] }));
    expect(again).toEqual({ added: 1, duplicates: [{ traceId: traces[1] }], missing: [] });
    expect(await db().queueItem.count({ where: { queueId: queue.id } })).toBe(3);
    expect(await db().queueSlot.count({ where: { queueId: queue.id } })).toBe(6);
    const locked = await db().trace.findMany({ where: { id: { in: traces } }, select: { lockedAt: true } });
    expect(locked.every((t) => t.lockedAt !== null)).toBe(true);
  });

  it("creates a queue and adds items over the public API with a FULL key", async () => {
    const project = await makeProject();
    const version = await makeRubricVersion(project.id);
    const created = await call(v1QueuesRoute.POST, {
      method: "POST",
      key: project.keys.FULL,
      origin: null,
      body: { name: "API queue", rubricVersionId: version.id, overlap: 3 },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "API queue", overlap: 3, mode: "SINGLE", blind: false });
    const traces = await makeTraces(project.id, 2);
    const added = await call(v1ItemsRoute.POST, {
      method: "POST",
      key: project.keys.FULL,
      origin: null,
      params: { queueId: created.json.id },
      body: { traceIds: traces },
    });
    expect(added.json).toEqual({ added: 2, duplicates: [], missing: [] });
    const wrongShape = await call(v1ItemsRoute.POST, {
      method: "POST",
      key: project.keys.FULL,
      origin: null,
      params: { queueId: created.json.id },
      body: { pairs: [{ a: traces[0], b: traces[1] }] },
    });
    expect(wrongShape.status).toBe(422);
  });

  it("orders items by a score, lowest first, and recomputes on request", async () => {
    const project = await makeProject();
    const [rater] = await makeRaters(project.id, 1);
    const manager = await contextFor(project, project.users.ENGINEER.id);
    const version = await makeRubricVersion(project.id);
    const queue = await createQueue(
      database(),
      manager,
      ZQueueCreate.parse({ name: "q", rubricVersionId: version.id, memberUserIds: [rater], ordering: { kind: "score", name: "thumbs" } }),
    );
    const [up, down, none] = await makeTraces(project.id, 3);
    const thumbs = (traceId: string, value: number) =>
      db().score.create({
        data: { projectId: project.id, traceId, name: "thumbs", dataType: "BOOLEAN", numberValue: value, source: "END_USER", raterName: "widget" },
      });
    await thumbs(up, 1);
    await thumbs(down, 0);
    await addItems(database(), manager, queue.id, ZItemsAdd.parse({ traceIds: [none, up, down] }));
    const ctx = await contextFor(project, rater);
    const first = await claimNext(database(), ctx, queue.id, { exclude: [] });
    const item = await db().queueItem.findFirstOrThrow({ where: { id: first!.itemId } });
    expect(item.traceId).toBe(down);
    // Thumbs change; recomputing moves the untouched trace ahead once it has the lowest score.
    await db().score.create({
      data: { projectId: project.id, traceId: none, name: "thumbs", dataType: "NUMERIC", numberValue: -1, source: "END_USER", raterName: "widget" },
    });
    await reorderQueue(database(), manager, queue.id, {});
    const second = await claimNext(database(), ctx, queue.id, { exclude: [first!.itemId] });
    expect((await db().queueItem.findFirstOrThrow({ where: { id: second!.itemId } })).traceId).toBe(none);
  });

  it("pairs traces of two releases on the same input, and randomizes and records the side per rater", async () => {
    const project = await makeProject();
    const raters = await makeRaters(project.id, 12);
    const manager = await contextFor(project, project.users.ENGINEER.id);
    const version = await makeRubricVersion(project.id);
    const queue = await createQueue(
      database(),
      manager,
      ZQueueCreate.parse({ name: "pairs", rubricVersionId: version.id, mode: "PAIRWISE", overlap: 12, memberUserIds: raters }),
    );
    await makeTraces(project.id, 4, (i) => ({ input: { q: `same ${i % 2}` }, release: i < 2 ? "v1" : "v2" }));
    const added = await addItems(database(), manager, queue.id, ZItemsAdd.parse({ group: { by: "release", a: "v1", b: "v2" } }));
    expect(added.added).toBe(2);
    const sides = new Set<string>();
    for (const r of raters) {
      const ctx = await contextFor(project, r);
      const lease = await claimNext(database(), ctx, queue.id, { exclude: [] });
      expect(["A", "B"]).toContain(lease!.leftSide);
      sides.add(lease!.leftSide!);
      const view = await getItem(database(), ctx, queue.id, lease!.itemId);
      expect(view.sides!.left.side).toBe(lease!.leftSide);
      await submitLabels(database(), ctx, queue.id, lease!.itemId, submission({ preferred: "A", "helpfulness:A": 4, "helpfulness:B": 2 }));
    }
    // Twelve coin flips landing all on one side happen once in 2,048 runs.
    expect(sides.size).toBe(2);
    const page = await call(annotationsRoute.GET, { key: project.keys.FULL, origin: null, path: `/api/v1/annotations?queue=${queue.id}&limit=1000` });
    const prefs = page.json.annotations.filter((a: { name: string }) => a.name === "preferred");
    expect(prefs).toHaveLength(12);
    expect(prefs.every((a: { leftSide: string | null; value: string }) => a.leftSide !== null && a.value === "A")).toBe(true);
  });
});

describe("labeling", () => {
  it("hides other raters' labels, comments and automated scores in blind mode until the rater submitted", async () => {
    const project = await makeProject();
    const [a, b] = await makeRaters(project.id, 2);
    const { queueId, traceIds } = await makeQueue(project, { items: 1, overlap: 2, raters: [a, b], blind: true });
    await db().score.create({
      data: {
        projectId: project.id,
        traceId: traceIds[0],
        name: "faithfulness",
        dataType: "NUMERIC",
        numberValue: 0.4,
        source: "LLM_JUDGE",
        raterName: "judge",
      },
    });
    const [ctxA, ctxB] = [await contextFor(project, a), await contextFor(project, b)];
    const itemId = (await claimNext(database(), ctxA, queueId, { exclude: [] }))!.itemId;
    await addComment(database(), ctxA, queueId, itemId, { body: "the answer cites the wrong plan" });
    await submitLabels(database(), ctxA, queueId, itemId, submission());
    expect((await claimNext(database(), ctxB, queueId, { exclude: [] }))!.itemId).toBe(itemId);
    const before = await getItem(database(), ctxB, queueId, itemId);
    expect(before.others).toEqual({ hidden: true, labels: [], automatedScores: [] });
    expect(before.comments).toEqual([]);
    await submitLabels(database(), ctxB, queueId, itemId, submission({ helpfulness: 2, correct: false }));
    const after = await getItem(database(), ctxB, queueId, itemId);
    expect(after.others.hidden).toBe(false);
    // One submission's labels share their time and come by name, each as its columns.
    expect(after.others.labels.map((l) => [l.raterUserId, l.name])).toEqual([
      [a, "correct"],
      [a, "helpfulness"],
    ]);
    expect(after.others.labels[0]).toMatchObject({
      dataType: "BOOLEAN",
      numberValue: 1,
      textValue: null,
      jsonValue: null,
      source: "HUMAN",
      raterName: null,
      raterVersion: null,
      revision: 1,
    });
    expect(Object.keys(after.others.labels[0])).toEqual([
      "id",
      "name",
      "dataType",
      "numberValue",
      "textValue",
      "jsonValue",
      "source",
      "raterUserId",
      "raterName",
      "raterVersion",
      "revision",
      "createdAt",
    ]);
    expect(after.others.automatedScores.map((s) => [s.name, s.numberValue, s.raterName, s.traceId])).toEqual([["faithfulness", 0.4, "judge", traceIds[0]]]);
    expect(after.comments.map((c) => c.body)).toEqual(["the answer cites the wrong plan"]);
    // The engineer reviewing the queue sees everything.
    const review = await getItem(database(), await contextFor(project, project.users.ENGINEER.id), queueId, itemId);
    expect(review.others.labels).toHaveLength(4);
  });

  it("keeps an expert out of queues not assigned to them (404), over HTTP too", async () => {
    const project = await makeProject();
    const [assigned] = await makeRaters(project.id, 1);
    const { queueId } = await makeQueue(project, { items: 1, overlap: 1, raters: [assigned] });
    const params = { project: project.slug, queueId };
    const outsider = await call(claimRoute.POST, { method: "POST", user: project.users.EXPERT.id, params, body: {} });
    expect(outsider.status).toBe(404);
    const mine = await call(claimRoute.POST, { method: "POST", user: assigned, params, body: {} });
    expect(mine.status).toBe(200);
    const itemId = mine.json.item.itemId;
    expect((await call(itemRoute.GET, { user: project.users.EXPERT.id, params: { ...params, itemId } })).status).toBe(404);
    const view = await call(itemRoute.GET, { user: assigned, params: { ...params, itemId } });
    expect(view.status).toBe(200);
    expect(view.json.trace.id).toBeDefined();
    const submitted = await call(submitRoute.POST, { method: "POST", user: assigned, params: { ...params, itemId }, body: submission() });
    expect(submitted.status).toBe(200);
    const retried = await call(submitRoute.POST, { method: "POST", user: assigned, params: { ...params, itemId }, body: submission() });
    expect(retried.status).toBe(409);
    expect(retried.json.code).toBe("already_submitted");
  });

  it("releases a removed expert's leases at once for others", async () => {
    const project = await makeProject();
    const [a, b] = await makeRaters(project.id, 2);
    const { queueId, manager } = await makeQueue(project, { items: 2, overlap: 1, raters: [a, b] });
    const [ctxA, ctxB] = [await contextFor(project, a), await contextFor(project, b)];
    await claimNext(database(), ctxA, queueId, { exclude: [] });
    const held = await claimNext(database(), ctxA, queueId, { exclude: [(await claimNext(database(), ctxA, queueId, { exclude: [] }))!.itemId] });
    expect(held).not.toBeNull();
    expect(await claimNext(database(), ctxB, queueId, { exclude: [] })).toBeNull();
    expect(await removeMember(database(), manager, queueId, a)).toEqual({ removed: true, releasedLeases: 2 });
    expect(await codeOf(claimNext(database(), ctxA, queueId, { exclude: [] }))).toBe("not_found");
    const first = await claimNext(database(), ctxB, queueId, { exclude: [] });
    const second = await claimNext(database(), ctxB, queueId, { exclude: [first!.itemId] });
    expect(second).not.toBeNull();
    // B's submit makes this process remember the queue's rubric; A's released assignment on
    // the other item they held still does not let them label it.
    await submitLabels(database(), ctxB, queueId, first!.itemId, submission());
    expect(await codeOf(submitLabels(database(), ctxA, queueId, second!.itemId, submission()))).toBe("not_found");
    expect(await db().score.count({ where: { queueItemId: second!.itemId } })).toBe(0);
  });

  it("renews the lease on a draft save, and keeps a draft even after the lease went to someone else", async () => {
    const project = await makeProject();
    const [a, b] = await makeRaters(project.id, 2);
    const { queueId } = await makeQueue(project, { items: 1, overlap: 1, raters: [a, b] });
    const [ctxA, ctxB] = [await contextFor(project, a), await contextFor(project, b)];
    const itemId = (await claimNext(database(), ctxA, queueId, { exclude: [] }))!.itemId;
    await pool().query(`UPDATE queue_slots SET lease_expires_at = now() - interval '1 second' WHERE queue_id = $1`, [queueId]);
    const renewed = await saveLabelDraft(database(), ctxA, queueId, itemId, { draft: { helpfulness: 3 } });
    expect(renewed.leased).toBe(true);
    expect(renewed.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 500_000);
    expect(await claimNext(database(), ctxB, queueId, { exclude: [] })).toBeNull();
    await pool().query(`UPDATE queue_slots SET lease_expires_at = now() - interval '1 second' WHERE queue_id = $1`, [queueId]);
    expect((await claimNext(database(), ctxB, queueId, { exclude: [] }))!.itemId).toBe(itemId);
    const kept = await saveLabelDraft(database(), ctxA, queueId, itemId, { draft: { helpfulness: 4 } });
    expect(kept).toMatchObject({ saved: true, leased: false });
    expect((await getItem(database(), ctxA, queueId, itemId)).mine!.draft).toEqual({ helpfulness: 4 });
  });

  it("appends revisions of a rater's own labels and lists them in the labels API", async () => {
    const project = await makeProject();
    const [a] = await makeRaters(project.id, 1);
    const { queueId } = await makeQueue(project, { items: 1, overlap: 1, raters: [a] });
    const ctx = await contextFor(project, a);
    const itemId = (await claimNext(database(), ctx, queueId, { exclude: [] }))!.itemId;
    expect(await codeOf(reviseLabels(database(), ctx, queueId, itemId, { values: { helpfulness: 2 } }))).toBe("conflict");
    await submitLabels(database(), ctx, queueId, itemId, submission());
    await reviseLabels(database(), ctx, queueId, itemId, { values: { helpfulness: 2 } });
    const { revised } = await reviseLabels(database(), ctx, queueId, itemId, {
      values: { helpfulness: 1, rationale: "on second reading", issues: ["tone", 'facts "quoted"'] },
    });
    expect(revised.map((r) => [r.name, r.revision])).toEqual([
      ["helpfulness", 3],
      ["rationale", 1],
      ["issues", 1],
    ]);
    const all = await call(annotationsRoute.GET, { key: project.keys.FULL, origin: null, path: `/api/v1/annotations?queue=${queueId}&limit=2` });
    expect(all.status).toBe(200);
    const next = await call(annotationsRoute.GET, {
      key: project.keys.FULL,
      origin: null,
      path: `/api/v1/annotations?queue=${queueId}&limit=10&cursor=${all.json.nextCursor}`,
    });
    const rows = [...all.json.annotations, ...next.json.annotations];
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => r.name === "issues").value).toEqual(["tone", 'facts "quoted"']);
    const help = rows.filter((r) => r.name === "helpfulness").sort((x, y) => x.revision - y.revision);
    expect(help.map((r) => [r.value, r.isCurrent])).toEqual([
      [4, false],
      [2, false],
      [1, true],
    ]);
    expect(help[2].supersedesId).toBe(help[1].id);
    expect(help[0]).toMatchObject({ raterUserId: a, rubricVersion: 1, leftSide: null });
    expect(help[0].submittedAt).not.toBeNull();
    const current = await call(annotationsRoute.GET, { key: project.keys.FULL, origin: null, path: `/api/v1/annotations?queue=${queueId}&current=true` });
    expect(current.json.annotations).toHaveLength(4);
  });
});

describe("changing a queue while raters work", () => {
  it("raises N by adding slots and lowers it without touching submitted labels", async () => {
    const project = await makeProject();
    const raters = await makeRaters(project.id, 3);
    const { queueId, manager } = await makeQueue(project, { items: 2, overlap: 1, raters });
    const ctxs = await Promise.all(raters.map((r) => contextFor(project, r)));
    const done = (await claimNext(database(), ctxs[0], queueId, { exclude: [] }))!.itemId;
    await submitLabels(database(), ctxs[0], queueId, done, submission());
    await updateQueue(database(), manager, queueId, { overlap: 3 });
    // 2 more for the done item, 3 for the untouched one.
    expect(await db().queueSlot.count({ where: { queueId } })).toBe(5);
    expect(await db().queueItem.count({ where: { queueId, status: "PENDING" } })).toBe(2);
    await submitLabels(database(), ctxs[1], queueId, (await claimNext(database(), ctxs[1], queueId, { exclude: [] }))!.itemId, submission());
    await submitLabels(database(), ctxs[2], queueId, (await claimNext(database(), ctxs[2], queueId, { exclude: [] }))!.itemId, submission());
    // Both went to the oldest item, which now has its 3 labels; the other still has none.
    expect(await db().queueItem.findFirstOrThrow({ where: { id: done } })).toMatchObject({ submittedCount: 3, status: "COMPLETED" });
    await updateQueue(database(), manager, queueId, { overlap: 1 });
    expect(await db().queueSlot.count({ where: { queueId } })).toBe(1);
    expect(await db().queueItem.count({ where: { queueId, status: "COMPLETED" } })).toBe(1);
    expect(await db().score.count({ where: { queueItem: { queueId }, name: "helpfulness" } })).toBe(3);
    const progress = await queueProgress(database(), manager, queueId);
    expect(progress.totals).toMatchObject({ items: 2, completed: 1, labels: 3, labelsRemaining: 1, inProgress: 0 });
    expect(progress.raters.map((r) => r.done).sort()).toEqual([1, 1, 1]);
  });

  it("reports progress, the rater's history and flagged items", async () => {
    const project = await makeProject();
    const [a] = await makeRaters(project.id, 1);
    const { queueId, manager } = await makeQueue(project, { items: 3, overlap: 1, raters: [a] });
    const ctx = await contextFor(project, a);
    const first = (await claimNext(database(), ctx, queueId, { exclude: [] }))!.itemId;
    await submitLabels(database(), ctx, queueId, first, submission(GOOD_LABELS));
    const second = (await claimNext(database(), ctx, queueId, { exclude: [] }))!.itemId;
    await flagItem(database(), ctx, queueId, second, { flagged: true, reason: "contains a phone number" });
    const mine = await queueProgress(database(), ctx, queueId);
    expect(mine.raters).toHaveLength(1);
    expect(mine.raters[0]).toMatchObject({ userId: a, done: 1, skipped: 0, skipRate: 0, inProgress: 1, remaining: 1 });
    expect(mine.raters[0].medianSeconds).toBeGreaterThanOrEqual(0);
    // Latest activity first: the item in hand, then the one submitted before it.
    const history = await listHistory(database(), ctx, queueId, { limit: 1 });
    expect(history.items.map((h) => [h.itemId, h.status])).toEqual([[second, "LEASED"]]);
    const older = await listHistory(database(), ctx, queueId, { limit: 1, cursor: history.nextCursor! });
    expect(older.items.map((h) => [h.itemId, h.status])).toEqual([[first, "SUBMITTED"]]);
    expect(older.nextCursor).toBeNull();
    expect(await codeOf(listFlagged(database(), ctx, queueId))).toBe("forbidden");
    const flagged = await listFlagged(database(), manager, queueId);
    expect(flagged.items.map((f) => [f.itemId, f.flags[0].reason])).toEqual([[second, "contains a phone number"]]);
  });

  it("downloads the labels as CSV and JSONL with rater identity", async () => {
    const project = await makeProject();
    const [a] = await makeRaters(project.id, 1);
    const { queueId } = await makeQueue(project, { items: 2, overlap: 1, raters: [a] });
    const ctx = await contextFor(project, a);
    for (let i = 0; i < 2; i++) {
      const itemId = (await claimNext(database(), ctx, queueId, { exclude: [] }))!.itemId;
      await submitLabels(database(), ctx, queueId, itemId, submission({ ...GOOD_LABELS, rationale: '=HYPERLINK("x")', issues: ["length", 'facts "quoted"'] }));
    }
    const headers = { authorization: `Bearer ${project.keys.FULL}` };
    const csv = await exportRoute.GET(new Request(`http://assay.test/api/v1/annotations/export?queue=${queueId}&format=csv`, { headers }), {
      params: Promise.resolve({}),
    });
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0].split(",").slice(0, 3)).toEqual(["id", "queueItemId", "traceId"]);
    expect(lines).toHaveLength(9);
    const email = (await db().user.findUniqueOrThrow({ where: { id: a } })).email;
    expect(lines.slice(1).every((l) => l.includes(email))).toBe(true);
    // A label never reaches a spreadsheet as a formula.
    expect(lines.some((l) => l.includes(`'=HYPERLINK`))).toBe(true);
    const jsonl = await exportRoute.GET(new Request(`http://assay.test/api/v1/annotations/export?queue=${queueId}&format=jsonl`, { headers }), {
      params: Promise.resolve({}),
    });
    const records = (await jsonl.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(records).toHaveLength(8);
    expect(records[0]).toMatchObject({ raterEmail: email, rubricVersion: 1, revision: 1, isCurrent: true });
    // The download's fields, in the order the labels API has always given them.
    expect(Object.keys(records[0])).toEqual([...CSV_COLUMNS.filter((c) => c !== "value"), "value"]);
    // The rubric module stores a MULTI answer in the options' order, whatever order it came in.
    expect(records.filter((r) => r.name === "issues").map((r) => r.value)).toEqual([
      ['facts "quoted"', "length"],
      ['facts "quoted"', "length"],
    ]);
  });
});
