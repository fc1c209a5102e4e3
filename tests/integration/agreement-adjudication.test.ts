import { beforeAll, describe, expect, it } from "vitest";
import * as adjudicateRoute from "@/app/api/projects/[project]/queues/[queueId]/adjudications/route";
import * as adjudicatorRoute from "@/app/api/projects/[project]/queues/[queueId]/adjudicators/[userId]/route";
import * as adjudicatorsRoute from "@/app/api/projects/[project]/queues/[queueId]/adjudicators/route";
import * as disagreementsRoute from "@/app/api/projects/[project]/queues/[queueId]/disagreements/route";
import * as thresholdsRoute from "@/app/api/projects/[project]/agreement-thresholds/route";
import * as goldRoute from "@/app/api/v1/queues/[queueId]/gold/route";
import { database, db, pool } from "@/lib/db/client";
import { adjudicate } from "@/lib/gold/service";
import { currentGold, goldHistory } from "@/lib/gold/store";
import { adjudicatedQueues } from "@/lib/queues/adjudicators";
import { addComment } from "@/lib/queues/comments";
import { reviseLabels } from "@/lib/queues/revise";
import { addItems } from "@/lib/queues/items";
import { createQueue } from "@/lib/queues/manage";
import { ZItemsAdd, ZQueueCreate } from "@/lib/queues/schemas";
import { agreementReport } from "@/lib/reports/agreement";
import { queueConsensus } from "@/lib/reports/consensus";
import { deleteTrace } from "@/lib/traces/service";
import { labelQueue } from "@/tests/helpers/agreement";
import { type TestProject, call, codeOf, makeProject } from "@/tests/helpers/fixtures";
import { contextFor, makeQueue, makeRaters, makeRubricVersion, makeTraces } from "@/tests/helpers/queues";

// Settling disagreements: the ranked list, adjudication by pick or by value with a reason,
// revisions, the flag when a chosen-among label is revised, reference gold by API, and who
// may do it. Raters' labels are never touched.

let project: TestProject;
let raters: string[];
let adjudicator: string;
let queueId: string;
let traceIds: string[];
const HELPFUL = [
  [1, 5, 3],
  [4, 4, 4],
  [2, 3, 2],
];
const itemOf = async (i: number) => db().queueItem.findFirstOrThrow({ where: { projectId: project.id, queueId, traceId: traceIds[i] } });
const labelsOf = (itemId: string) =>
  db().$queryRawUnsafe<{ id: string; number_value: number; is_current: boolean }[]>(
    `SELECT id, number_value, is_current FROM scores WHERE queue_item_id = $1::uuid AND name = 'helpfulness' ORDER BY id`,
    itemId,
  );

beforeAll(async () => {
  project = await makeProject();
  raters = await makeRaters(project.id, 4);
  adjudicator = raters[3];
  ({ queueId, traceIds } = await makeQueue(project, { items: 3, overlap: 3, raters: raters.slice(0, 3), blind: true }));
  for (const [r, rater] of raters.slice(0, 3).entries()) {
    await labelQueue(project, queueId, rater, (trace) => {
      const i = traceIds.indexOf(trace);
      return { helpfulness: HELPFUL[i][r], correct: r !== 1, rationale: `rater ${r} on ${i}` };
    });
  }
  const admin = await call(adjudicatorRoute.PUT, {
    method: "PUT",
    user: project.users.ADMIN.id,
    params: { project: project.slug, queueId, userId: adjudicator },
  });
  expect(admin.json).toEqual({ userId: adjudicator, added: true });
});

describe("disagreements", () => {
  it("ranks items most disputed first, with names, values, rationales and comments side by side even in a blind queue", async () => {
    const first = await itemOf(0);
    await addComment(database(), await contextFor(project, raters[0]), queueId, first.id, { body: "hard one" } as never);
    const res = await call(disagreementsRoute.GET, { user: adjudicator, params: { project: project.slug, queueId }, path: `/x?criterion=helpfulness&limit=2` });
    expect(res.status).toBe(200);
    expect(res.json.total).toBe(3);
    expect(res.json.items.map((i: { itemId: string }) => i.itemId)[0]).toBe(first.id);
    expect(res.json.items[0].disagreement).toBeGreaterThan(res.json.items[1].disagreement);
    const labels = res.json.items[0].labels;
    expect(labels.map((l: { raterName: string; value: number }) => [l.raterName, l.value]).sort()).toEqual([
      ["Rater 0", 1],
      ["Rater 1", 5],
      ["Rater 2", 3],
    ]);
    expect(labels.find((l: { raterName: string }) => l.raterName === "Rater 0").rationale).toEqual([{ criterion: "rationale", text: "rater 0 on 0" }]);
    expect(res.json.items[0].comments.map((c: { body: string }) => c.body)).toEqual(["hard one"]);
    expect(res.json.nextCursor).toBe("2");
    const next = await call(disagreementsRoute.GET, {
      user: adjudicator,
      params: { project: project.slug, queueId },
      path: `/x?criterion=helpfulness&limit=2&cursor=2`,
    });
    expect([next.json.items.length, next.json.nextCursor]).toEqual([1, null]);
    const text = await call(disagreementsRoute.GET, { user: adjudicator, params: { project: project.slug, queueId }, path: `/x?criterion=rationale` });
    expect([text.status, text.json.code]).toEqual([422, "validation_failed"]);
  });
});

describe("adjudication", () => {
  it("keeps gold apart from the raters' labels: author, candidates, a reason when no rater gave the value, revisions and the review flag", async () => {
    const item = await itemOf(0);
    const before = await labelsOf(item.id);
    const params = { project: project.slug, queueId };
    const picked = await call(adjudicateRoute.POST, {
      method: "POST",
      user: adjudicator,
      params,
      body: { itemId: item.id, criterion: "helpfulness", labelId: before[2].id },
    });
    expect(picked.status).toBe(201);
    expect(picked.json).toMatchObject({
      kind: "ADJUDICATED",
      value: before[2].number_value,
      revision: 1,
      reason: null,
      author: { kind: "user", id: adjudicator },
      needsReview: false,
    });
    expect([...picked.json.candidateLabelIds].sort()).toEqual(before.map((l) => l.id).sort());
    expect(await labelsOf(item.id)).toEqual(before);

    const noReason = await call(adjudicateRoute.POST, {
      method: "POST",
      user: adjudicator,
      params,
      body: { itemId: item.id, criterion: "helpfulness", value: 2 },
    });
    expect([noReason.status, noReason.json.fieldErrors?.[0]?.path ?? noReason.json.errors?.[0]?.path]).toEqual([422, "reason"]);
    const offScale = await call(adjudicateRoute.POST, {
      method: "POST",
      user: adjudicator,
      params,
      body: { itemId: item.id, criterion: "helpfulness", value: 9, reason: "x" },
    });
    expect([offScale.status, offScale.json.code]).toEqual([422, "invalid_value"]);
    const entered = await call(adjudicateRoute.POST, {
      method: "POST",
      user: adjudicator,
      params,
      body: { itemId: item.id, criterion: "helpfulness", value: 2, reason: "The answer is partly right" },
    });
    expect(entered.json).toMatchObject({ value: 2, revision: 2, reason: "The answer is partly right" });

    const history = await goldHistory(pool(), project.id, item.id);
    expect(history.map((g) => [g.revision, g.value])).toEqual([
      [1, before[2].number_value],
      [2, 2],
    ]);
    expect((await currentGold(pool(), project.id, queueId)).map((g) => g.id)).toEqual([entered.json.id]);

    // A rater revises a label the decision chose among: the gold asks for a second look.
    const rater = await db().score.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: before[0].id } } });
    await reviseLabels(database(), await contextFor(project, rater.raterUserId!), queueId, item.id, { values: { helpfulness: 4 } });
    expect((await currentGold(pool(), project.id, queueId))[0].needsReview).toBe(true);

    const audit = await db().auditEvent.findMany({ where: { projectId: project.id, action: "gold.adjudicate" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.targetId, (a.details as { revision: number }).revision])).toEqual([
      [item.id, 1],
      [item.id, 2],
    ]);
  });

  it("refuses an adjudicator who labelled the item, an expert who is not an adjudicator (403) and an outsider (404)", async () => {
    const item = await itemOf(1);
    const body = { itemId: item.id, criterion: "helpfulness", value: 4 };
    const params = { project: project.slug, queueId };
    const engineer = await contextFor(project, project.users.ENGINEER.id);
    expect((await adjudicate(database(), engineer, queueId, body)).value).toBe(4);
    await call(adjudicatorRoute.PUT, { method: "PUT", user: project.users.ADMIN.id, params: { ...params, userId: raters[0] } });
    const own = await call(adjudicateRoute.POST, { method: "POST", user: raters[0], params, body });
    expect([own.status, own.json.code]).toEqual([403, "adjudicator_labelled"]);
    const notNamed = await call(adjudicateRoute.POST, { method: "POST", user: project.users.EXPERT.id, params, body });
    expect(notNamed.status).toBe(403);
    const outsider = await makeProject();
    expect((await call(adjudicateRoute.POST, { method: "POST", user: outsider.users.ADMIN.id, params, body })).status).toBe(404);
    expect(await codeOf(adjudicate(database(), await contextFor(project, project.users.VIEWER.id), queueId, body))).toBe("forbidden");
    const listed = await call(adjudicatorsRoute.GET, { user: project.users.ENGINEER.id, params });
    expect(listed.json.adjudicators.map((a: { userId: string }) => a.userId).sort()).toEqual([adjudicator, raters[0]].sort());
    const removed = await call(adjudicatorRoute.DELETE, { method: "DELETE", user: project.users.ADMIN.id, params: { ...params, userId: raters[0] } });
    expect(removed.json).toEqual({ removed: true });
    expect(
      (await call(adjudicatorRoute.PUT, { method: "PUT", user: project.users.ADMIN.id, params: { ...params, userId: project.users.VIEWER.id } })).status,
    ).toBe(422);
    expect(
      (await db().auditEvent.findMany({ where: { projectId: project.id, action: { in: ["queue.adjudicators.add", "queue.adjudicators.remove"] } } })).length,
    ).toBe(3);
  });

  it("takes reference gold by API with a FULL key, marked REFERENCE, and refuses an INGEST key", async () => {
    const item = await itemOf(2);
    const body = {
      gold: [
        { itemId: item.id, criterion: "helpfulness", value: 2, reason: "vendor set" },
        { itemId: item.id, criterion: "correct", value: true },
      ],
    };
    const res = await call(goldRoute.POST, { method: "POST", key: project.keys.FULL, origin: null, params: { queueId }, body });
    expect(res.status).toBe(201);
    expect(res.json.gold.map((g: { kind: string; criterionKey: string; value: unknown }) => [g.kind, g.criterionKey, g.value])).toEqual([
      ["REFERENCE", "helpfulness", 2],
      ["REFERENCE", "correct", true],
    ]);
    expect((await call(goldRoute.POST, { method: "POST", key: project.keys.INGEST, origin: null, params: { queueId }, body })).status).toBe(403);
    const bad = await call(goldRoute.POST, {
      method: "POST",
      key: project.keys.FULL,
      origin: null,
      params: { queueId },
      body: { gold: [{ itemId: item.id, criterion: "nope", value: 1 }] },
    });
    expect([bad.status, bad.json.code]).toEqual([422, "criterion_not_found"]);
    expect(await db().auditEvent.count({ where: { projectId: project.id, action: "gold.reference" } })).toBe(2);
  });
});

describe("pairwise items", () => {
  it("settles a per-side criterion per side and a preference for the pair, and reads consensus the same way", async () => {
    const pairProject = await makeProject();
    const pairRaters = await makeRaters(pairProject.id, 2);
    const manager = await contextFor(pairProject, pairProject.users.ENGINEER.id);
    const version = await makeRubricVersion(pairProject.id);
    const queue = await createQueue(
      database(),
      manager,
      ZQueueCreate.parse({ name: "pairs", rubricVersionId: version.id, mode: "PAIRWISE", overlap: 2, memberUserIds: pairRaters }),
    );
    const [a, b] = await makeTraces(pairProject.id, 2);
    await addItems(database(), manager, queue.id, ZItemsAdd.parse({ pairs: [{ a, b }] }));
    for (const [r, rater] of pairRaters.entries()) {
      await labelQueue(pairProject, queue.id, rater, () => ({
        preferred: r === 0 ? "A" : "B",
        "helpfulness:A": 4,
        "helpfulness:B": 2 + r,
        "correct:A": true,
        "correct:B": true,
      }));
    }
    const item = await db().queueItem.findFirstOrThrow({ where: { projectId: pairProject.id, queueId: queue.id } });
    expect(await codeOf(adjudicate(database(), manager, queue.id, { itemId: item.id, criterion: "helpfulness", value: 3, reason: "between" }))).toBe(
      "validation_failed",
    );
    expect(await codeOf(adjudicate(database(), manager, queue.id, { itemId: item.id, criterion: "preferred", side: "A", value: "A", reason: "x" }))).toBe(
      "validation_failed",
    );
    const sideB = await adjudicate(database(), manager, queue.id, {
      itemId: item.id,
      criterion: "helpfulness",
      side: "B",
      value: 3,
      reason: "between the two",
    });
    expect([sideB.side, sideB.value, sideB.candidateLabelIds.length]).toEqual(["B", 3, 2]);
    const pref = await adjudicate(database(), manager, queue.id, { itemId: item.id, criterion: "preferred", value: "A", reason: "A answers the question" });
    expect([pref.side, pref.value, pref.candidateLabelIds.length]).toEqual([null, "A", 2]);
    const answer = await queueConsensus(database(), manager, queue.id, { limit: 10 });
    const rows = answer.items[0].criteria.filter((c) => c.criterion === "helpfulness" || c.criterion === "preferred");
    expect(rows.map((c) => [c.criterion, c.side, c.label, c.source])).toEqual([
      ["helpfulness", "A", 4, "CONSENSUS"],
      ["helpfulness", "B", 3, "ADJUDICATED"],
      ["preferred", null, "A", "ADJUDICATED"],
    ]);
  });
});

describe("thresholds and deletion", () => {
  it("lets an admin change the thresholds (audited) and the report reads them", async () => {
    const params = { project: project.slug };
    expect((await call(thresholdsRoute.PATCH, { method: "PATCH", user: project.users.ENGINEER.id, params, body: { reliable: 0.9 } })).status).toBe(403);
    const bad = await call(thresholdsRoute.PATCH, { method: "PATCH", user: project.users.ADMIN.id, params, body: { tentative: 0.95 } });
    expect(bad.status).toBe(422);
    const ok = await call(thresholdsRoute.PATCH, { method: "PATCH", user: project.users.ADMIN.id, params, body: { tentative: 0.5, reliable: 0.7 } });
    expect(ok.json).toEqual({ tentative: 0.5, reliable: 0.7 });
    const report = await agreementReport(database(), await contextFor(project, project.users.ENGINEER.id), queueId);
    expect(report.thresholds).toEqual({ tentative: 0.5, reliable: 0.7 });
    expect(report.criteria[0].summary!.minimum).toBe(0.5);
    const event = await db().auditEvent.findFirstOrThrow({ where: { projectId: project.id, action: "project.agreement_thresholds" } });
    expect(event.details).toEqual({ before: { tentative: 0.667, reliable: 0.8 }, after: { tentative: 0.5, reliable: 0.7 } });
  });

  it("removes an item's gold with its trace", async () => {
    const item = await itemOf(0);
    const trace = await db().trace.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: traceIds[0] } } });
    await deleteTrace(database(), await contextFor(project, project.users.ADMIN.id), trace.externalId, { reason: "end user asked" });
    expect(await db().goldLabel.count({ where: { projectId: project.id, queueItemId: item.id } })).toBe(0);
    const report = await agreementReport(database(), await contextFor(project, project.users.ENGINEER.id), queueId);
    expect(report.criteria[0].coverage.units).toBe(2);
  });
});

describe("the way to a queue's disagreements", () => {
  it("lists a queue for its named adjudicator, not for its raters, and for no role that adjudicates every queue", async () => {
    const named = await adjudicatedQueues(database(), await contextFor(project, adjudicator));
    expect(named).toEqual([{ id: queueId, name: expect.any(String) }]);
    expect(await adjudicatedQueues(database(), await contextFor(project, raters[0]))).toEqual([]);
    expect(await adjudicatedQueues(database(), await contextFor(project, project.users.ADMIN.id))).toEqual([]);
  });
});
