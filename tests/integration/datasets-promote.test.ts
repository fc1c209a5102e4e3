import { beforeAll, describe, expect, it } from "vitest";
import * as previewRoute from "@/app/api/projects/[project]/datasets/[datasetId]/promote/preview/route";
import * as promoteRoute from "@/app/api/projects/[project]/datasets/[datasetId]/promote/route";
import * as promoteV1 from "@/app/api/v1/datasets/[datasetId]/promote/route";
import type { TLineage } from "@/lib/datasets/content";
import { listItems } from "@/lib/datasets/items";
import { createDataset } from "@/lib/datasets/service";
import { database, db } from "@/lib/db/client";
import { adjudicate } from "@/lib/gold/service";
import { addItems } from "@/lib/queues/items";
import { createQueue } from "@/lib/queues/manage";
import { ZItemsAdd, ZQueueCreate } from "@/lib/queues/schemas";
import { deleteTrace } from "@/lib/traces/service";
import { labelQueue } from "@/tests/helpers/agreement";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";
import { contextFor, makeRaters, makeTraces } from "@/tests/helpers/queues";

// Promotion from a queue on a real database: the rule reads the label of each item (gold over
// consensus), a correction becomes an expected output only through gold or unanimity, pairs
// become preference pairs, and the agreement gate refuses unless an ADMIN overrides it.

/** A rubric with a yes/no criterion, a correction and a preference. */
async function correctionRubric(projectId: string) {
  const rubric = await db().rubric.create({ data: { projectId, slug: unique("rubric"), name: "Answers" } });
  const version = await db().rubricVersion.create({ data: { projectId, rubricId: rubric.id } });
  const base = { projectId, rubricVersionId: version.id };
  await db().criterion.createMany({
    data: [
      {
        ...base,
        position: 0,
        key: "correct",
        label: "Correct",
        type: "BINARY",
        measurementLevel: "NOMINAL",
        config: { pass: { label: "Correct", description: "Every claim holds" }, fail: { label: "Incorrect", description: "A claim is wrong" } },
      },
      { ...base, position: 1, key: "ideal", label: "Ideal answer", required: false, type: "CORRECTION", measurementLevel: "NONE", config: { maxLength: 2000 } },
      {
        ...base,
        position: 2,
        key: "preferred",
        label: "Preferred",
        type: "PREFERENCE",
        measurementLevel: "NOMINAL",
        config: { allowTie: true, allowBothBad: true },
      },
    ],
  });
  return db().rubricVersion.update({
    where: { projectId_id: { projectId, id: version.id } },
    data: { status: "PUBLISHED", version: 1, publishedAt: new Date() },
  });
}

async function queueOf(project: TestProject, raters: string[], mode: "SINGLE" | "PAIRWISE", traces: number) {
  const manager = await contextFor(project, project.users.ENGINEER.id);
  const version = await correctionRubric(project.id);
  const queue = await createQueue(
    database(),
    manager,
    ZQueueCreate.parse({ name: unique("queue"), rubricVersionId: version.id, mode, overlap: 2, blind: true, memberUserIds: raters }),
  );
  const traceIds = await makeTraces(project.id, traces, (i) => ({ input: `question ${i}`, output: `answer ${i}` }));
  const items = mode === "SINGLE" ? { traceIds } : { pairs: Array.from({ length: traces / 2 }, (_, i) => ({ a: traceIds[2 * i], b: traceIds[2 * i + 1] })) };
  await addItems(database(), manager, queue.id, ZItemsAdd.parse(items));
  return { queueId: queue.id, traceIds, manager };
}

async function newDataset(project: TestProject) {
  return createDataset(database(), await contextFor(project, project.users.ENGINEER.id), {
    name: unique("golden"),
    description: "",
    inputSchema: null,
    expectedSchema: null,
  });
}

const itemsOf = async (project: TestProject, datasetId: string) =>
  (await listItems(database(), await contextFor(project, project.users.ENGINEER.id), datasetId, { limit: 100, archived: "false" })).items;

/** A session call to the preview or the promotion of a project's dataset. */
const asMember = (route: typeof previewRoute | typeof promoteRoute, where: TestProject, userId: string, datasetId: string, body: Record<string, unknown>) =>
  call(route.POST, { method: "POST", user: userId, params: { project: where.slug, datasetId }, body });

let project: TestProject;
let queueId: string;
let traceIds: string[];
const itemOfTrace = new Map<string, string>();
const RULE = () => ({
  queueId,
  conditions: [{ criterion: "correct", equals: [true] }],
  expectedOutput: { from: "criterion", criterion: "ideal" },
  splits: ["test"],
});
const REASON = "Reviewed by the support lead: the raters' split is a wording question.";

beforeAll(async () => {
  project = await makeProject();
  const raters = await makeRaters(project.id, 2);
  const setup = await queueOf(project, raters, "SINGLE", 6);
  queueId = setup.queueId;
  traceIds = setup.traceIds;
  // Per trace, each rater's answers: 4 agree on Correct, one splits, one agrees on Incorrect (α ≈ 0.59 on `correct`).
  const answers: Record<string, unknown>[][] = [
    [{ correct: true, ideal: "answer 0" }, { correct: true }],
    [
      { correct: true, ideal: "answer 1" },
      { correct: true, ideal: "answer 1" },
    ],
    [
      { correct: true, ideal: "Better answer 2" },
      { correct: true, ideal: "Better answer 2" },
    ],
    [
      { correct: true, ideal: "Fix A" },
      { correct: true, ideal: "Fix B" },
    ],
    [
      { correct: true, ideal: "Fix C" },
      { correct: false, ideal: "Fix D" },
    ],
    [{ correct: false }, { correct: false }],
  ];
  for (const [r, rater] of raters.entries()) await labelQueue(project, queueId, rater, (traceId) => answers[traceIds.indexOf(traceId)][r]);
  for (const item of await db().queueItem.findMany({ where: { projectId: project.id, queueId } })) itemOfTrace.set(item.traceId!, item.id);
  const settle = (i: number, criterion: string, value: unknown) =>
    adjudicate(database(), setup.manager, queueId, {
      itemId: itemOfTrace.get(traceIds[i])!,
      criterion,
      value: value as never,
      reason: "Read against the article",
    });
  await settle(0, "correct", false);
  await settle(3, "ideal", "Gold answer 3");
  await settle(4, "correct", true);
  await settle(5, "correct", true);
});

describe("promotion from a queue", () => {
  it("previews what the rule selects by gold over consensus, what it skips and why, and the gate's verdict", async () => {
    const dataset = await newDataset(project);
    const res = await asMember(previewRoute, project, project.users.ENGINEER.id, dataset.id, { rule: RULE() });
    expect(res.status).toBe(200);
    expect(res.json.counts).toEqual({ items: 6, completed: 6, selected: 4, notMatching: 1, skipped: 1 });
    expect(res.json.skipped).toEqual([{ queueItemId: itemOfTrace.get(traceIds[4]), reason: expect.stringContaining("differ") }]);
    const byTrace = new Map(res.json.sample.map((s: { traceId: string; expectedOutput: unknown }) => [s.traceId, s.expectedOutput]));
    // Left unchanged by both, unanimous, settled by gold, and nobody touched it (the label of 5 is gold Correct over consensus Incorrect).
    expect([1, 2, 3, 5].map((i) => byTrace.get(traceIds[i]))).toEqual(["answer 1", "Better answer 2", "Gold answer 3", "answer 5"]);
    expect(res.json.gate.passed).toBe(false);
    expect(res.json.gate.threshold).toBe(0.667);
    expect(res.json.gate.criteria.map((c: { criterion: string; status: string }) => [c.criterion, c.status])).toEqual([
      ["correct", "fail"],
      ["ideal", "exempt"],
    ]);
    expect(res.json.gate.criteria[0].alpha).toBeCloseTo(0.5926, 3);
  });

  it("refuses when the gate fails, naming each failing criterion with α and threshold; an ENGINEER cannot override", async () => {
    const dataset = await newDataset(project);
    const params = { project: project.slug, datasetId: dataset.id };
    const refused = await call(promoteRoute.POST, { method: "POST", user: project.users.ENGINEER.id, params, body: { rule: RULE() } });
    expect([refused.status, refused.json.code]).toEqual([409, "agreement_gate"]);
    expect(refused.json.errors).toEqual([{ path: "correct", message: "α 0.593, threshold 0.667" }]);
    const engineer = await call(promoteRoute.POST, { method: "POST", user: project.users.ENGINEER.id, params, body: { rule: RULE(), override: REASON } });
    expect(engineer.status).toBe(403);
    const key = await call(promoteV1.POST, {
      method: "POST",
      key: project.keys.FULL,
      origin: null,
      params: { datasetId: dataset.id },
      body: { rule: RULE(), override: REASON },
    });
    expect(key.status).toBe(403);
    expect(await itemsOf(project, dataset.id)).toEqual([]);
  });

  it("lets an ADMIN override with a reason, audited and kept in every item's lineage, which survives deleting the trace", async () => {
    const dataset = await newDataset(project);
    const res = await asMember(promoteRoute, project, project.users.ADMIN.id, dataset.id, { rule: RULE(), override: REASON });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ added: 4, duplicates: 0, rejected: 0, override: REASON });
    const event = await db().auditEvent.findFirstOrThrow({ where: { projectId: project.id, action: "dataset.items.add", targetId: dataset.id } });
    expect(event.details).toMatchObject({ via: "rule", added: 4, queueId, override: REASON, gate: { passed: false, threshold: 0.667 } });

    const admin = await contextFor(project, project.users.ADMIN.id);
    const gone = await db().trace.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: traceIds[3] } } });
    await deleteTrace(database(), admin, gone.externalId, { reason: "the end user asked" });
    const items = await itemsOf(project, dataset.id);
    const promoted = items.find((i) => (i.lineage as unknown as TLineage).traceId === traceIds[3])!;
    expect(promoted).toMatchObject({ input: "question 3", expectedOutput: "Gold answer 3", splits: ["test"] });
    const lineage = promoted.lineage as unknown as TLineage;
    expect(lineage).toMatchObject({
      via: "rule",
      queueId,
      queueItemId: itemOfTrace.get(traceIds[3]),
      gateOverride: REASON,
      addedBy: `user:${project.users.ADMIN.id}`,
    });
    expect(lineage.rule).toMatchObject({ queueId, conditions: [{ criterion: "correct", equals: [true] }] });
    expect(lineage.gate).toMatchObject({ passed: false });
    expect(lineage.labels.map((l) => [l.criterionKey, l.value, l.provenance, l.adjudicated])).toEqual([
      ["correct", true, "consensus", false],
      ["ideal", "Gold answer 3", "gold", true],
    ]);
    expect(lineage.labels[0].raters).toHaveLength(2);
  });

  it("adds without override once the project's threshold is met, the label of each item taken from gold before consensus", async () => {
    await db().project.update({ where: { id: project.id }, data: { agreementTentative: 0.5 } });
    const dataset = await newDataset(project);
    const res = await call(promoteV1.POST, {
      method: "POST",
      key: project.keys.FULL,
      origin: null,
      params: { datasetId: dataset.id },
      body: { rule: { ...RULE(), expectedOutput: { from: "trace_output" } } },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ added: 4, override: null, gate: { passed: true, threshold: 0.5 } });
    const lineages = (await itemsOf(project, dataset.id)).map((i) => i.lineage as unknown as TLineage);
    const five = lineages.find((l) => l.queueItemId === itemOfTrace.get(traceIds[5]))!;
    expect(five.labels).toEqual([expect.objectContaining({ criterionKey: "correct", value: true, provenance: "gold", adjudicated: true })]);
    // Item 0 is Incorrect by gold although both raters said Correct.
    expect(lineages.some((l) => l.queueItemId === itemOfTrace.get(traceIds[0]))).toBe(false);
    await db().project.update({ where: { id: project.id }, data: { agreementTentative: 0.667 } });
  });

  it("refuses a rule that names no criterion of the rubric, or takes the expected output from one with values", async () => {
    const dataset = await newDataset(project);
    const res = await asMember(previewRoute, project, project.users.ENGINEER.id, dataset.id, {
      rule: { queueId, conditions: [{ criterion: "tone", equals: ["x"] }], expectedOutput: { from: "criterion", criterion: "correct" } },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(["rule.conditions.0.criterion", "rule.expectedOutput.criterion"]);
  });
});

describe("pairwise promotion", () => {
  it("turns pairs into preference pairs: input, preferred and rejected output", async () => {
    const pairs = await makeProject();
    const raters = await makeRaters(pairs.id, 2);
    const setup = await queueOf(pairs, raters, "PAIRWISE", 4);
    // The first pair: both prefer B. The second: A against B, a tie under majority.
    for (const [r, rater] of raters.entries())
      await labelQueue(pairs, setup.queueId, rater, (traceId) => {
        const first = traceId === setup.traceIds[0];
        return { preferred: first ? "B" : r === 0 ? "A" : "B", "correct:A": true, "correct:B": first || r === 1 };
      });
    const dataset = await newDataset(pairs);
    const rule = { queueId: setup.queueId, conditions: [{ criterion: "correct", equals: [true] }], tags: ["pairs"] };
    const preview = await asMember(previewRoute, pairs, pairs.users.ENGINEER.id, dataset.id, { rule });
    expect(preview.json.counts).toMatchObject({ completed: 2, selected: 1, skipped: 1 });
    expect(preview.json.gate.criteria.map((c: { criterion: string }) => c.criterion)).toEqual(["correct", "preferred"]);
    const res = await asMember(promoteRoute, pairs, pairs.users.ADMIN.id, dataset.id, { rule, override: REASON });
    expect(res.status).toBe(200);
    expect(res.json.added).toBe(1);
    const [item] = await itemsOf(pairs, dataset.id);
    expect(item).toMatchObject({ input: "question 0", expectedOutput: null, preference: { preferred: "answer 1", rejected: "answer 0" }, tags: ["pairs"] });
    expect((item.lineage as unknown as TLineage).traceBId).toBe(setup.traceIds[1]);
  });
});
