import { beforeAll, describe, expect, it } from "vitest";
import { POST as postScores } from "@/app/api/v1/scores/route";
import { POST as postTraces } from "@/app/api/v1/traces/route";
import { database, db, pool } from "@/lib/db/client";
import { claimNext } from "@/lib/queues/claim";
import { addItems } from "@/lib/queues/items";
import { createQueue } from "@/lib/queues/manage";
import { reviseLabels } from "@/lib/queues/revise";
import { ZItemsAdd, ZQueueCreate } from "@/lib/queues/schemas";
import { submitLabels } from "@/lib/queues/submit";
import {
  type TJudgment,
  type TJudgmentFilter,
  type TJudgmentValues,
  eachJudgmentValue,
  readAllJudgments,
  readJudgmentPage,
  readJudgmentValues,
  readJudgments,
} from "@/lib/scores/reader";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";
import { contextFor, makeQueue, makeRaters, makeRubricVersion, makeTraces, submission } from "@/tests/helpers/queues";

// The judgments reader on seeded data: a queue with a revision, a pairwise queue with
// per-side labels, API scores from external raters and on spans, read with each filter,
// order and option.

let project: TestProject;
let raters: string[];
let single: { queueId: string; traceIds: string[] };
let pair: { queueId: string; a: string; b: string };
let judgeTrace: { id: string; externalId: string };
let spanTrace: { id: string; rubricSlug: string };

async function labelAll(queueId: string, raterId: string, values: Record<string, unknown>) {
  const ctx = await contextFor(project, raterId);
  for (;;) {
    const lease = await claimNext(database(), ctx, queueId, { exclude: [] });
    if (!lease) return;
    await submitLabels(database(), ctx, queueId, lease.itemId, submission(values));
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
  await reviseLabels(database(), await contextFor(project, raters[0]), single.queueId, firstItem.id, { values: { helpfulness: 2 } });

  const version = await makeRubricVersion(project.id);
  const manager = await contextFor(project, project.users.ENGINEER.id);
  const queue = await createQueue(
    database(),
    manager,
    ZQueueCreate.parse({ name: unique("pairs"), rubricVersionId: version.id, mode: "PAIRWISE", overlap: 1, memberUserIds: [raters[0]] }),
  );
  const [a, b] = await makeTraces(project.id, 2);
  await addItems(database(), manager, queue.id, ZItemsAdd.parse({ pairs: [{ a, b }] }));
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

  // Scores on spans, one of them against a rubric's criterion.
  const externalId = unique("spans");
  await call(postTraces, {
    method: "POST",
    key: project.keys.INGEST,
    body: {
      traces: [
        {
          id: externalId,
          spans: [
            { id: "s1", name: "llm" },
            { id: "s2", name: "tool" },
          ],
        },
      ],
    },
  });
  const rubricVersion = await makeRubricVersion(project.id);
  const rubric = await db().rubric.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: rubricVersion.rubricId } } });
  const traceRow = await db().trace.findUniqueOrThrow({ where: { projectId_externalId: { projectId: project.id, externalId } } });
  spanTrace = { id: traceRow.id, rubricSlug: rubric.slug };
  await send([
    {
      traceId: externalId,
      spanId: "s1",
      name: "correct",
      value: true,
      source: "CODE",
      raterName: "lint",
      rubric: { rubric: rubric.slug, criterion: "correct" },
    },
    { traceId: externalId, spanId: "s2", name: "latency", value: 0.3, source: "CODE", raterName: "lint" },
  ]);
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

const ids = (js: TJudgment[]) => js.map((j) => j.id);

describe("reading for screens and answers", () => {
  it("pages in every order, through pg or Prisma, giving each judgment once in the order one read gives", async () => {
    const total = (await read({})).length;
    const labels = (await read({ targets: ["queueItem"] })).length;
    for (const order of ["id", "queueItem", "created", "name"] as const) {
      for (const handle of [pool(), db()]) {
        const whole = await readJudgmentPage(handle, project.id, { revisions: "all" }, { order, limit: 1000 });
        const paged: TJudgment[] = [];
        for await (const j of readJudgments(handle, project.id, { revisions: "all" }, { order, pageSize: 3 })) paged.push(j);
        expect(whole).toHaveLength(order === "queueItem" ? labels : total);
        expect(ids(paged)).toEqual(ids(whole));
      }
    }
    const created = await readAllJudgments(pool(), project.id, { revisions: "all" }, { order: "created" });
    const times = created.map((j) => j.createdAt.getTime());
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    const byItem = await readAllJudgments(pool(), project.id, { revisions: "all" }, { order: "queueItem" });
    const keys = byItem.map((j) => `${j.queueItemId}/${j.id}`);
    expect([...keys].sort()).toEqual(keys);
  });

  it("lists one submission's labels, which share their time, by name", async () => {
    const item = await db().queueItem.findFirstOrThrow({ where: { projectId: project.id, queueId: single.queueId, traceId: single.traceIds[1] } });
    const labels = await readAllJudgments(pool(), project.id, { queueItemIds: [item.id], revisions: "current" }, { order: "created" });
    expect(labels.map((j) => [j.rater.kind === "user" && j.rater.id, j.name])).toEqual([
      [raters[0], "correct"],
      [raters[0], "helpfulness"],
      [raters[1], "correct"],
      [raters[1], "helpfulness"],
    ]);
  });

  it("reads one item's labels, the scores on a trace itself or on its spans, and a pair's labels for either trace", async () => {
    const pairItem = await db().queueItem.findFirstOrThrow({ where: { projectId: project.id, queueId: pair.queueId } });
    expect((await read({ queueItemIds: [pairItem.id] })).map((j) => j.name).sort()).toEqual(["helpfulness:A", "helpfulness:B", "preferred"]);
    const onTrace = await read({ traceIds: [judgeTrace.id], targets: ["trace"], revisions: "current" });
    expect(onTrace.map((j) => j.name).sort()).toEqual(["faithful", "thumbs"]);
    expect(await read({ traceIds: [spanTrace.id], targets: ["trace"] })).toEqual([]);
    expect((await read({ traceIds: [spanTrace.id], targets: ["trace", "span"] })).map((j) => [j.name, j.traceId])).toEqual(
      expect.arrayContaining([
        ["correct", spanTrace.id],
        ["latency", spanTrace.id],
      ]),
    );
    // A trace's page lists everything said on the items it is in, both sides of a pair.
    expect((await read({ traceIds: [pair.b], anySide: true })).map((j) => j.name).sort()).toEqual(["helpfulness:A", "helpfulness:B", "preferred"]);
    expect((await read({ targets: ["queueItem"] })).every((j) => j.queueItemId !== null)).toBe(true);
    expect((await read({ targets: ["span"] })).map((j) => j.name).sort()).toEqual(["correct", "latency"]);
  });

  it("gives the names a person reads when asked, and leaves out what a read does not need", async () => {
    const named = await readAllJudgments(pool(), project.id, { revisions: "current" }, { names: true });
    const user = await db().user.findUniqueOrThrow({ where: { id: raters[0] } });
    const label = named.find((j) => j.queueItemId && j.name === "helpfulness" && j.rater.kind === "user" && j.rater.id === raters[0]);
    expect(label?.names).toEqual({
      raterUser: { email: user.email, name: user.name },
      apiKeyName: null,
      rubric: expect.objectContaining({ name: "Quality", version: 1 }),
      criterionLabel: "Helpfulness",
      span: null,
    });
    const thumbs = named.find((j) => j.name === "thumbs");
    const key = await db().apiKey.findFirstOrThrow({ where: { projectId: project.id, id: thumbs?.rater.kind === "apiKey" ? thumbs.rater.id : "" } });
    expect(thumbs?.names).toEqual({ raterUser: null, apiKeyName: key.name, rubric: null, criterionLabel: null, span: null });
    const onSpan = named.find((j) => j.name === "correct" && j.spanId);
    expect(onSpan?.names).toEqual({
      raterUser: null,
      apiKeyName: null,
      rubric: { name: "Quality", slug: spanTrace.rubricSlug, version: 1 },
      criterionLabel: "Correct",
      span: { ref: "s1", name: "llm" },
    });
    expect([onSpan?.dataType, onSpan?.value, onSpan?.criterionKey]).toEqual(["BOOLEAN", true, "correct"]);

    const plain = await readAllJudgments(pool(), project.id, { revisions: "current" }, { firstSubmittedAt: false });
    expect(plain.every((j) => !("names" in j) && j.firstSubmittedAt === null)).toBe(true);
    const revised = (await read({ revisions: "current" })).filter((j) => j.revision > 1);
    expect(revised.length).toBeGreaterThan(0);
    expect(revised.every((j) => j.firstSubmittedAt instanceof Date && j.firstSubmittedAt < j.createdAt)).toBe(true);
  });

  it("refuses to resume an order without the fields of the last judgment that order names", async () => {
    const firstTwo = await readJudgmentPage(pool(), project.id, { revisions: "all" }, { order: "name", limit: 2 });
    await expect(readJudgmentPage(pool(), project.id, { revisions: "all" }, { order: "name", after: { id: firstTwo[0].id }, limit: 1 })).rejects.toThrow(
      /needs its name/,
    );
    expect(ids(await readJudgmentPage(pool(), project.id, { revisions: "all" }, { order: "name", after: firstTwo[0], limit: 1 }))).toEqual([firstTwo[1].id]);
  });
});

describe("readJudgmentValues, the lean reader statistics use", () => {
  // What a statistic reads of a judgment: which one it is, its unit, its rater and its value.
  const essentials = (j: TJudgmentValues) => ({
    id: j.id,
    queueItemId: j.queueItemId,
    traceId: j.traceId,
    spanId: j.spanId,
    side: j.side,
    criterionId: j.criterionId,
    rater: j.rater,
    revision: j.revision,
    value: j.value,
  });

  it("gives the judgments readJudgments gives, in the same order, for current and first revisions", async () => {
    const byRevisions: Record<string, TJudgmentValues[]> = {};
    for (const revisions of ["current", "first"] as const) {
      for (const filter of [{ revisions }, { queueId: single.queueId, revisions }]) {
        const full = await read(filter);
        const values = await readJudgmentValues(pool(), project.id, filter);
        expect(values.length).toBeGreaterThan(10);
        expect(values.map(essentials)).toEqual(full.map(essentials));
        // Only what statistics use: no lookup of when each chain was first submitted.
        expect(values.every((j) => !("firstSubmittedAt" in j))).toBe(true);
      }
      byRevisions[revisions] = await readJudgmentValues(pool(), project.id, { queueId: single.queueId, revisions });
    }
    // The revised chain reads as its first revision in one and its current one in the other.
    const revised = byRevisions.current.filter((j) => j.revision > 1);
    expect(revised).toHaveLength(1);
    const sameChain = (j: TJudgmentValues) =>
      j.queueItemId === revised[0].queueItemId && j.criterionId === revised[0].criterionId && JSON.stringify(j.rater) === JSON.stringify(revised[0].rater);
    const first = byRevisions.first.find(sameChain);
    expect(first).toMatchObject({ revision: 1 });
    expect(revised[0]).toMatchObject({ revision: 2, value: 2 });
    expect(byRevisions.first.every((j) => j.revision === 1)).toBe(true);
  });
});

describe("eachJudgmentValue, the streamed core a whole queue's figures read", () => {
  const core = (j: TJudgmentValues, ids: boolean) => ({
    id: ids ? j.id : null,
    queueItemId: j.queueItemId,
    side: j.side,
    criterionId: j.criterionId,
    rater: j.rater,
    value: j.value,
  });

  it("hands over, one by one and in order, the core of each judgment the lean reader gives, the id only when asked", async () => {
    for (const filter of [
      { queueId: single.queueId, revisions: "first" as const },
      { queueId: pair.queueId, revisions: "current" as const },
    ]) {
      const values = await readJudgmentValues(pool(), project.id, filter);
      expect(values.length).toBeGreaterThanOrEqual(3);
      for (const ids of [false, true]) {
        const streamed: unknown[] = [];
        await eachJudgmentValue(pool(), project.id, filter, (j) => streamed.push({ ...j }), { ids });
        expect(streamed).toEqual(values.map((j) => core(j, ids)));
      }
    }
  });

  it("reads through a transaction's own connection, and gives a lent connection back when the visitor throws", async () => {
    const client = await pool().connect();
    try {
      await client.query("BEGIN");
      let seen = 0;
      await eachJudgmentValue(client, project.id, { queueId: single.queueId, revisions: "first" }, () => seen++);
      expect(seen).toBeGreaterThan(3);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    const before = pool().totalCount - pool().idleCount;
    await expect(
      eachJudgmentValue(pool(), project.id, { queueId: single.queueId, revisions: "first" }, () => {
        throw new Error("visitor failed");
      }),
    ).rejects.toThrow("visitor failed");
    expect(pool().totalCount - pool().idleCount).toBe(before);
    // The connection is usable afterwards: the statement ran to its end.
    expect((await pool().query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });
});
