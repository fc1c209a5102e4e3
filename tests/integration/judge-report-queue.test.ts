import { beforeAll, describe, expect, it } from "vitest";
import * as itemsSession from "@/app/api/projects/[project]/queues/[queueId]/items/route";
import * as itemsV1 from "@/app/api/v1/queues/[queueId]/items/route";
import { database, db, pool } from "@/lib/db/client";
import { ZAgreementQuery } from "@/lib/judge-report/schemas";
import { judgeAgreement } from "@/lib/judge-report/service";
import { queueItemsFor, sentSentence } from "@/lib/judge-report/to-queue";
import { addItems } from "@/lib/queues/items";
import { openQueues } from "@/lib/queues/options";
import { ZItemsAdd } from "@/lib/queues/schemas";
import { encodeAnswer } from "@/lib/scores/codec";
import { writeJudgeScore } from "@/lib/scores/statements";
import { labelQueue } from "@/tests/helpers/agreement";
import { type TestProject, call, codeOf, makeProject } from "@/tests/helpers/fixtures";
import { contextFor, makeQueue, makeRaters, makeTraces } from "@/tests/helpers/queues";
import { publishedJudgeVersion, stubConnection } from "@/tests/support/judge-fixture";

// Disagreements from a judge's report sent to an annotation queue the way the report page
// sends them: the body `queueItemsFor` builds, posted to the queue's own items route. A
// single-trace judge (6 traces, people say "correct", the judge says so for the first 2) and a
// pairwise judge (4 pairs, people prefer A, the judge prefers B on the first 3).

let project: TestProject;
let single: { queueId: string; traceIds: string[] };
let pairs: { a: string; b: string }[];
let singleTarget: string;
let pairTarget: string;
let connectionId: string;
const SINGLE_JUDGE = "correctness";
const PAIR_JUDGE = "preference";

const report = async (name: string) =>
  judgeAgreement(database(), await contextFor(project, project.users.ENGINEER.id), name, ZAgreementQuery.parse({ reference: "any" }));

const send = (queueId: string, body: unknown, user = project.users.ENGINEER.id) =>
  call(itemsSession.POST, { method: "POST", user, params: { project: project.slug, queueId }, body });

const itemsOf = (queueId: string) =>
  db().queueItem.findMany({ where: { projectId: project.id, queueId }, select: { traceId: true, traceBId: true }, orderBy: { priority: "asc" } });

async function criterionOf(queueId: string, key: string) {
  const queue = await db().queue.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: queueId } } });
  return db().criterion.findFirstOrThrow({ where: { projectId: project.id, rubricVersionId: queue.rubricVersionId, key } });
}

/** Publishes the judge's v1 on `criterion` and writes its results, one per target. */
async function judgeWith(
  judgeName: string,
  criterion: { id: string; key: string; rubricVersionId: string },
  template: string | undefined,
  results: { target: { traceId: string } | { queueItemId: string }; value: ReturnType<typeof encodeAnswer> }[],
) {
  const { versionId } = await publishedJudgeVersion(db(), project.id, {
    judgeName,
    connectionId,
    rubricVersionId: criterion.rubricVersionId,
    criterionId: criterion.id,
    template,
  });
  for (const [i, { target, value }] of results.entries()) {
    await writeJudgeScore(pool(), {
      ...{ projectId: project.id, judgeVersionId: versionId, judgeName, judgeVersion: 1, target, name: criterion.key, value, comment: `rationale ${i}` },
      ...{ rubricVersionId: criterion.rubricVersionId, criterionId: criterion.id },
    });
  }
}

beforeAll(async () => {
  project = await makeProject();
  await db().project.update({ where: { id: project.id }, data: { judgeMinItems: 2 } });
  connectionId = await stubConnection(db(), project.id, "http://127.0.0.1:9/v1");
  const [rater] = await makeRaters(project.id, 1);

  single = await makeQueue(project, { items: 6, overlap: 1, raters: [rater] });
  await labelQueue(project, single.queueId, rater, () => ({ helpfulness: 3, correct: true }));
  const correct = await criterionOf(single.queueId, "correct");
  await judgeWith(
    SINGLE_JUDGE,
    correct,
    undefined,
    single.traceIds.map((traceId, i) => ({ target: { traceId }, value: encodeAnswer("BINARY", i < 2) })),
  );

  const pairQueue = await makeQueue(project, { items: 0, overlap: 1, raters: [rater], mode: "PAIRWISE" });
  const traces = await makeTraces(project.id, 8);
  pairs = [0, 2, 4, 6].map((i) => ({ a: traces[i], b: traces[i + 1] }));
  await addItems(database(), pairQueue.manager, pairQueue.queueId, ZItemsAdd.parse({ pairs }));
  await labelQueue(project, pairQueue.queueId, rater, () => ({
    preferred: "A",
    ...{ "helpfulness:A": 4, "helpfulness:B": 2, "correct:A": true, "correct:B": true },
  }));
  const preferred = await criterionOf(pairQueue.queueId, "preferred");
  const items = await db().queueItem.findMany({ where: { projectId: project.id, queueId: pairQueue.queueId } });
  await judgeWith(
    PAIR_JUDGE,
    preferred,
    "{{input}}\nFirst:\n{{output_a}}\nSecond:\n{{output_b}}\n{{criterion}}",
    items.map((item) => ({
      target: { queueItemId: item.id },
      value: encodeAnswer("PREFERENCE", pairs.findIndex((p) => p.a === item.traceId) < 3 ? "B" : "A"),
    })),
  );

  singleTarget = (await makeQueue(project, { items: 0, overlap: 2, raters: [] })).queueId;
  pairTarget = (await makeQueue(project, { items: 0, overlap: 1, raters: [], mode: "PAIRWISE" })).queueId;
});

describe("sending a judge's disagreements to a queue", () => {
  it("adds a single-trace judge's disagreements as items once: a second send reports them as already there", async () => {
    const r = await report(SINGLE_JUDGE);
    expect(r.mode).toBe("single");
    const rows = r.disagreements;
    expect(rows.map((d) => d.traceId).sort()).toEqual(single.traceIds.slice(2).sort());
    expect(rows.every((d) => d.traceBId === null)).toBe(true);

    const first = queueItemsFor(r.mode, rows.slice(0, 3), "SINGLE");
    if (!("body" in first)) throw new Error(first.refusal);
    const added = await send(singleTarget, first.body);
    expect(added.status).toBe(200);
    expect(sentSentence(added.json)).toBe("Added 3.");

    const all = queueItemsFor(r.mode, rows, "SINGLE");
    if (!("body" in all)) throw new Error(all.refusal);
    expect(sentSentence((await send(singleTarget, all.body)).json)).toBe("Added 1, 3 already in the queue.");
    expect(sentSentence((await send(singleTarget, all.body)).json)).toBe("Added 0, 4 already in the queue.");

    const items = await itemsOf(singleTarget);
    expect(items.map((i) => i.traceId).sort()).toEqual(single.traceIds.slice(2).sort());
    expect(items.every((i) => i.traceBId === null)).toBe(true);
    // Each new item opens the queue's overlap of rater slots, as items added any other way do.
    expect(await db().queueSlot.count({ where: { projectId: project.id, queueId: singleTarget } })).toBe(8);
  });

  it("adds a pairwise judge's disagreements as pairs of trace A and B, and refuses a queue of the other shape", async () => {
    const r = await report(PAIR_JUDGE);
    expect(r.mode).toBe("pairwise");
    expect(r.disagreements.map((d) => ({ a: d.traceId, b: d.traceBId }))).toEqual(expect.arrayContaining(pairs.slice(0, 3)));
    expect(r.disagreements).toHaveLength(3);

    expect(queueItemsFor(r.mode, r.disagreements, "SINGLE")).toEqual({ refusal: expect.stringMatching(/pick a pairwise queue/) });
    expect(queueItemsFor("single", [{ traceId: pairs[0].a, traceBId: null }], "PAIRWISE")).toEqual({ refusal: expect.stringMatching(/pairs of traces/) });
    const plan = queueItemsFor(r.mode, r.disagreements, "PAIRWISE");
    if (!("body" in plan)) throw new Error(plan.refusal);
    // The queue's own route refuses the wrong shape too, whatever a client sends.
    const wrong = await send(singleTarget, plan.body);
    expect([wrong.status, wrong.json.code]).toEqual([422, "validation_failed"]);

    expect(sentSentence((await send(pairTarget, plan.body)).json)).toBe("Added 3.");
    expect(sentSentence((await send(pairTarget, plan.body)).json)).toBe("Added 0, 3 already in the queue.");
    const items = await itemsOf(pairTarget);
    expect(items.map((i) => ({ a: i.traceId, b: i.traceBId }))).toEqual(expect.arrayContaining(pairs.slice(0, 3)));
    expect(items).toHaveLength(3);
  });

  it("lists the project's open queues with their shape to callers who may add items, refuses others, and an archived queue takes no items", async () => {
    const archived = (await makeQueue(project, { items: 0, overlap: 1, raters: [] })).queueId;
    await db().queue.update({ where: { projectId_id: { projectId: project.id, id: archived } }, data: { status: "ARCHIVED" } });
    const listed = await openQueues(database(), await contextFor(project, project.users.ENGINEER.id));
    expect(listed).toEqual(
      expect.arrayContaining([
        { id: singleTarget, name: expect.any(String), mode: "SINGLE" },
        { id: pairTarget, name: expect.any(String), mode: "PAIRWISE" },
      ]),
    );
    expect(listed.map((q) => q.id)).not.toContain(archived);
    const refused = await send(archived, { traceIds: [single.traceIds[0]] });
    expect([refused.status, refused.json.code]).toEqual([409, "queue_archived"]);
    expect(await itemsOf(archived)).toHaveLength(0);
    expect(await codeOf(openQueues(database(), await contextFor(project, project.users.VIEWER.id)))).toBe("forbidden");
  });

  it("refuses callers without queues:manage (403) and another project's queue (404), adding nothing", async () => {
    const body = { traceIds: [single.traceIds[0]] };
    expect((await send(singleTarget, body, project.users.VIEWER.id)).status).toBe(403);
    expect((await send(singleTarget, body, project.users.EXPERT.id)).status).toBe(403);
    const ingest = await call(itemsV1.POST, { method: "POST", key: project.keys.INGEST, origin: null, params: { queueId: singleTarget }, body });
    expect(ingest.status).toBe(403);

    const other = await makeProject();
    const otherQueue = (await makeQueue(other, { items: 0, overlap: 1, raters: [] })).queueId;
    const elsewhere = await send(otherQueue, body);
    expect([elsewhere.status, elsewhere.json.code]).toEqual([404, "not_found"]);
    expect(await db().queueItem.count({ where: { queueId: otherQueue } })).toBe(0);
    expect((await itemsOf(singleTarget)).map((i) => i.traceId)).not.toContain(single.traceIds[0]);
  });
});
