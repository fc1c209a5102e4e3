import { beforeAll, describe, expect, it } from "vitest";
import { POST as postScores } from "@/app/api/v1/scores/route";
import { db, pool } from "@/lib/db/client";
import { claimNext } from "@/lib/queues/claim";
import { addItems } from "@/lib/queues/items";
import { createQueue } from "@/lib/queues/manage";
import { reviseLabels } from "@/lib/queues/revise";
import { ZItemsAdd, ZQueueCreate } from "@/lib/queues/schemas";
import { submitLabels } from "@/lib/queues/submit";
import { type TJudgment, type TJudgmentFilter, readJudgments } from "@/lib/scores/reader";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";
import { contextFor, makeQueue, makeRaters, makeRubricVersion, makeTraces, submission } from "@/tests/helpers/queues";

// The judgments reader on seeded data: a queue with a revision, a pairwise queue with
// per-side labels, and API scores from external raters, read with each filter.

let project: TestProject;
let raters: string[];
let single: { queueId: string; traceIds: string[] };
let pair: { queueId: string; a: string; b: string };
let judgeTrace: { id: string; externalId: string };

async function labelAll(queueId: string, raterId: string, values: Record<string, unknown>) {
  const ctx = await contextFor(project, raterId);
  for (;;) {
    const lease = await claimNext(pool(), ctx, queueId, { exclude: [] });
    if (!lease) return;
    await submitLabels(pool(), ctx, queueId, lease.itemId, submission(values));
  }
}

async function read(filter: Partial<TJudgmentFilter>, pageSize?: number): Promise<TJudgment[]> {
  const out: TJudgment[] = [];
  for await (const j of readJudgments(pool(), project.id, { revisions: "all", ...filter }, { pageSize })) out.push(j);
  return out;
}

beforeAll(async () => {
  project = await makeProject();
  raters = await makeRaters(project.id, 2);
  single = await makeQueue(project, { items: 3, overlap: 2, raters });
  await labelAll(single.queueId, raters[0], { helpfulness: 4, correct: true });
  await labelAll(single.queueId, raters[1], { helpfulness: 3, correct: false });
  const firstItem = await db().queueItem.findFirstOrThrow({ where: { projectId: project.id, queueId: single.queueId, traceId: single.traceIds[0] } });
  await reviseLabels(pool(), await contextFor(project, raters[0]), single.queueId, firstItem.id, { values: { helpfulness: 2 } });

  const version = await makeRubricVersion(project.id);
  const manager = await contextFor(project, project.users.ENGINEER.id);
  const queue = await createQueue(
    db(),
    manager,
    ZQueueCreate.parse({ name: unique("pairs"), rubricVersionId: version.id, mode: "PAIRWISE", overlap: 1, memberUserIds: [raters[0]] }),
  );
  const [a, b] = await makeTraces(project.id, 2);
  await addItems(db(), manager, queue.id, ZItemsAdd.parse({ pairs: [{ a, b }] }));
  pair = { queueId: queue.id, a, b };
  await labelAll(queue.id, raters[0], { preferred: "A", "helpfulness:A": 5, "helpfulness:B": 1 });

  judgeTrace = await db().trace.findUniqueOrThrow({
    where: { projectId_id: { projectId: project.id, id: single.traceIds[0] } },
    select: { id: true, externalId: true },
  });
  const send = (scores: unknown[]) => call(postScores, { method: "POST", key: project.keys.INGEST, body: { scores } });
  await send([{ traceId: judgeTrace.externalId, name: "faithful", value: 0.5, source: "LLM_JUDGE", raterName: "judge", raterVersion: "1" }]);
  await send([{ traceId: judgeTrace.externalId, name: "faithful", value: 0.9, source: "LLM_JUDGE", raterName: "judge", raterVersion: "1" }]);
  await send([{ traceId: judgeTrace.externalId, name: "thumbs", value: true, source: "END_USER" }]);
});

describe("readJudgments", () => {
  it("reads a queue's current labels, each on its item and trace, by user raters", async () => {
    const labels = await read({ queueId: single.queueId, revisions: "current" });
    expect(labels).toHaveLength(3 * 2 * 2);
    const items = await db().queueItem.findMany({ where: { projectId: project.id, queueId: single.queueId } });
    const traceOf = new Map(items.map((i) => [i.id, i.traceId]));
    for (const j of labels) {
      expect(j.traceId).toBe(traceOf.get(j.queueItemId as string));
      expect([j.side, j.spanId, j.source, j.rater.kind, j.isCurrent]).toEqual([null, null, "HUMAN", "user", true]);
      expect(j.criterionKey).toBe(j.name);
    }
  });

  it("gives the first submitted revision or the current one, with the time of the first either way", async () => {
    const onFirst = (js: TJudgment[]) =>
      js.filter((j) => j.traceId === single.traceIds[0] && j.name === "helpfulness" && j.rater.kind === "user" && j.rater.id === raters[0]);
    const [first] = onFirst(await read({ queueId: single.queueId, revisions: "first" }));
    const [current] = onFirst(await read({ queueId: single.queueId, revisions: "current" }));
    expect([first.revision, first.value, first.isCurrent]).toEqual([1, 4, false]);
    expect([current.revision, current.value, current.isCurrent]).toEqual([2, 2, true]);
    expect(current.firstSubmittedAt).toEqual(first.createdAt);
    expect(first.firstSubmittedAt).toEqual(first.createdAt);
    expect(await read({ queueId: single.queueId, revisions: "all" })).toHaveLength(13);
  });

  it("names the side of per-side labels on a pairwise item, and the pair's first trace for a preference", async () => {
    const labels = await read({ queueId: pair.queueId });
    const byName = Object.fromEntries(labels.map((j) => [j.name, j]));
    expect(Object.keys(byName).sort()).toEqual(["helpfulness:A", "helpfulness:B", "preferred"]);
    expect([byName["helpfulness:A"].side, byName["helpfulness:A"].traceId, byName["helpfulness:A"].value, byName["helpfulness:A"].criterionKey]).toEqual([
      "A",
      pair.a,
      5,
      "helpfulness",
    ]);
    expect([byName["helpfulness:B"].side, byName["helpfulness:B"].traceId, byName["helpfulness:B"].value]).toEqual(["B", pair.b, 1]);
    expect([byName.preferred.side, byName.preferred.traceId, byName.preferred.value]).toEqual([null, pair.a, "A"]);
    // About trace B: its side's label and the preference over the pair, not side A's.
    expect((await read({ traceIds: [pair.b] })).map((j) => j.name).sort()).toEqual(["helpfulness:B", "preferred"]);
  });

  it("reads API scores with their raters, and joins them to a queue's labels through the trace", async () => {
    const judged = await read({ sources: ["LLM_JUDGE"], raterKinds: ["external"] });
    expect(judged.sort((x, y) => x.revision - y.revision).map((j) => [j.revision, j.value, j.rater, j.queueItemId, j.traceId])).toEqual([
      [1, 0.5, { kind: "external", name: "judge", version: "1" }, null, judgeTrace.id],
      [2, 0.9, { kind: "external", name: "judge", version: "1" }, null, judgeTrace.id],
    ]);
    expect((await read({ sources: ["LLM_JUDGE"], revisions: "current" })).map((j) => j.value)).toEqual([0.9]);
    const keyed = await read({ raterKinds: ["apiKey"] });
    expect(keyed.map((j) => [j.name, j.value, j.rater.kind, j.source])).toEqual([["thumbs", true, "apiKey", "END_USER"]]);
    const onTrace = await read({ traceIds: [judgeTrace.id], revisions: "current" });
    expect(onTrace.filter((j) => j.queueItemId).length).toBe(4);
    expect(
      onTrace
        .filter((j) => !j.queueItemId)
        .map((j) => j.name)
        .sort(),
    ).toEqual(["faithful", "thumbs"]);
  });

  it("filters by rubric version and criterion", async () => {
    const queue = await db().queue.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: single.queueId } } });
    const criterion = await db().criterion.findFirstOrThrow({ where: { projectId: project.id, rubricVersionId: queue.rubricVersionId, key: "correct" } });
    const inVersion = await read({ rubricVersionId: queue.rubricVersionId, revisions: "current" });
    expect(inVersion).toHaveLength(12);
    const correct = await read({ rubricVersionId: queue.rubricVersionId, criterionIds: [criterion.id], revisions: "current" });
    expect(correct.map((j) => j.value).sort()).toEqual([false, false, false, true, true, true]);
  });

  it("streams every row across pages, each once, in id order", async () => {
    const { rows } = await pool().query(`SELECT count(*)::int AS n FROM scores WHERE project_id = $1`, [project.id]);
    const all = await read({}, 4);
    expect(rows[0].n).toBeGreaterThan(4 * 3);
    expect(all).toHaveLength(rows[0].n);
    const ids = all.map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(await read({ raterKinds: [] })).toEqual([]);
  });
});

describe("the lean reader for statistics", () => {
  it("streams the same judgments without times and comment, through one cursor", async () => {
    const { readJudgmentValues } = await import("@/lib/scores/reader");
    for (const filter of [
      { queueId: single.queueId, revisions: "first" as const },
      { revisions: "current" as const, raterKinds: ["external" as const] },
    ]) {
      const full = await read(filter);
      const lean: unknown[] = [];
      for await (const j of readJudgmentValues(pool(), project.id, filter, { batchSize: 2 })) lean.push(j);
      const strip = ({ firstSubmittedAt: _f, createdAt: _c, comment: _m, name: _n, rubricVersionId: _v, criterionKey: _k, source: _s, ...rest }: TJudgment) =>
        rest;
      expect(lean.sort((a, b) => ((a as TJudgment).id < (b as TJudgment).id ? -1 : 1))).toEqual(full.map(strip));
    }
  });
});
