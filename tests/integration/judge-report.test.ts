import { beforeAll, describe, expect, it } from "vitest";
import * as agreementV1 from "@/app/api/v1/judges/[name]/agreement/route";
import * as examplesV1 from "@/app/api/v1/judges/[name]/examples/route";
import * as exampleV1 from "@/app/api/v1/judges/[name]/examples/[exampleId]/route";
import * as externalV1 from "@/app/api/v1/external-judges/route";
import * as settings from "@/app/api/projects/[project]/judge-settings/route";
import * as examplesSession from "@/app/api/projects/[project]/judges/[name]/examples/route";
import { database, db, pool } from "@/lib/db/client";
import { adjudicate } from "@/lib/gold/service";
import { loadExamples, resolveJudgeVersion } from "@/lib/judge-versions/store";
import { ZAgreementQuery } from "@/lib/judge-report/schemas";
import { judgeAgreement } from "@/lib/judge-report/service";
import { booleanColumns } from "@/lib/scores/codec";
import { writeJudgeScore } from "@/lib/scores/statements";
import { labelQueue, rubricSlugOf, sendHumanScores } from "@/tests/helpers/agreement";
import { type TestProject, call, makeProject } from "@/tests/helpers/fixtures";
import { contextFor, makeQueue, makeRaters } from "@/tests/helpers/queues";
import { publishedJudgeVersion, stubConnection } from "@/tests/support/judge-fixture";

// A judge held against people on seeded data, figures checked against values computed by
// hand: Wikipedia's Cohen's κ worked example (50 grant proposals; rater A yes/yes 20, yes/no
// 5, no/yes 10, no/no 15: p_o = 0.70, p_e = 0.5·0.6 + 0.5·0.4 = 0.50, κ = 0.40), with the
// judge as rater A and one expert as rater B.

let project: TestProject;
let queueId: string;
let traces: string[];
let rater: string;
let criterion: { id: string; rubricVersionId: string };
let v1: string;
const JUDGE = "correctness";

/** Item i's (judge, human) answer: the first 20 agree on yes, 5 judge-yes/human-no, 10 judge-no/human-yes, 15 agree on no. */
const pairOf = (i: number): [boolean, boolean] => (i < 20 ? [true, true] : i < 25 ? [true, false] : i < 35 ? [false, true] : [false, false]);

async function judgeScores(versionId: string, version: number, only: (i: number) => boolean = () => true) {
  for (const [i, traceId] of traces.entries()) {
    if (!only(i)) continue;
    await writeJudgeScore(pool(), {
      projectId: project.id,
      judgeVersionId: versionId,
      judgeName: JUDGE,
      judgeVersion: version,
      target: { traceId },
      name: "correct",
      rubricVersionId: criterion.rubricVersionId,
      criterionId: criterion.id,
      value: booleanColumns(pairOf(i)[0]),
      comment: `rationale ${i}`,
    });
  }
}

const report = async (name: string, query: Record<string, string> = {}) =>
  judgeAgreement(database(), await contextFor(project, project.users.ENGINEER.id), name, ZAgreementQuery.parse(query));

beforeAll(async () => {
  project = await makeProject();
  [rater] = await makeRaters(project.id, 1);
  const setup = await makeQueue(project, { items: 50, overlap: 1, raters: [rater] });
  queueId = setup.queueId;
  traces = setup.traceIds;
  const index = new Map(traces.map((t, i) => [t, i]));
  await labelQueue(project, queueId, rater, (traceId) => ({ helpfulness: 3, correct: pairOf(index.get(traceId)!)[1] }));
  const queue = await db().queue.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: queueId } } });
  const row = await db().criterion.findFirstOrThrow({ where: { projectId: project.id, rubricVersionId: queue.rubricVersionId, key: "correct" } });
  criterion = { id: row.id, rubricVersionId: queue.rubricVersionId };
  const connectionId = await stubConnection(db(), project.id, "http://127.0.0.1:9/v1");
  ({ versionId: v1 } = await publishedJudgeVersion(db(), project.id, {
    judgeName: JUDGE,
    connectionId,
    ...{ rubricVersionId: criterion.rubricVersionId, criterionId: criterion.id },
  }));
  await judgeScores(v1, 1);
});

describe("a judge held against people", () => {
  it("Wikipedia's Cohen's κ example (50 proposals): accuracy 0.70, κ 0.40, the confusion matrix and per-class figures by hand", async () => {
    const r = await report(JUDGE, { reference: "any" });
    expect(r).toMatchObject({ judge: JUDGE, version: "v1", versions: ["v1"], mode: "single", criterion: { key: "correct" } });
    expect(r.comparison).toMatchObject({ comparable: 50, judgeOnly: 0, humanOnly: 0, heldOutExcluded: 0, minimumItems: 30 });
    const f = r.comparison.figures!;
    expect(f.accuracy).toBeCloseTo(0.7, 12);
    expect(f.kappa.value).toBeCloseTo(0.4, 12);
    const [lo, hi] = f.kappa.ci95!;
    expect(lo).toBeLessThan(0.4);
    expect(hi).toBeGreaterThan(0.4);
    // Rows are the people's value, columns the judge's: false then true.
    expect(f.confusion).toEqual({
      values: ["false", "true"],
      matrix: [
        [15, 5],
        [10, 20],
      ],
    });
    expect(f.perClass).toEqual([
      { value: "false", human: 20, judge: 25, precision: 15 / 25, recall: 15 / 20 },
      { value: "true", human: 30, judge: 25, precision: 20 / 25, recall: 20 / 30 },
    ]);
    // One rater: the judge's κ with them is the ceiling's judge side, and no pair of people exists.
    expect(f.ceiling!.judge.meanKappa).toBeCloseTo(0.4, 12);
    expect(f.ceiling!.raters.pairs).toBe(0);
    // The 15 items where they differ, each with the trace, the label and the judge's rationale.
    expect(r.disagreements).toHaveLength(15);
    const d = r.disagreements.find((x) => x.traceId === traces[20])!;
    expect(d).toMatchObject({ judgeValue: true, humanValue: false, rationale: "rationale 20", labels: [{ value: false }] });
    expect(d.traceExternalId).toEqual(expect.any(String));
  });

  it("reads each reference policy: consensus and one named rater (a user by email or id, an imported rater by name) equal the expert's, gold only the settled item", async () => {
    const email = (await db().user.findUniqueOrThrow({ where: { id: rater } })).email;
    for (const reference of ["consensus", `rater:${email}`, `rater:${rater}`]) {
      const r = await report(JUDGE, { reference });
      expect(r.comparison.comparable, reference).toBe(50);
      expect(r.comparison.figures!.kappa.value, reference).toBeCloseTo(0.4, 12);
    }
    // An annotator imported through the scores API, after the expert and agreeing with them:
    // named without their version, they are the reference; "any" stays the earlier expert; the
    // ceiling now has a pair of people, in full agreement.
    const rubric = await rubricSlugOf(project.id, queueId);
    await sendHumanScores(
      project,
      project.keys.FULL,
      traces.map((trace, i) => ({
        trace,
        name: "correct",
        value: pairOf(i)[1],
        rubric: { rubric, criterion: "correct" },
        raterName: "Priya",
        raterVersion: "2026-10",
      })),
    );
    const imported = await report(JUDGE, { reference: "rater:Priya" });
    expect(imported.comparison.comparable).toBe(50);
    expect(imported.comparison.figures!.kappa.value).toBeCloseTo(0.4, 12);
    const ceiling = (await report(JUDGE, { reference: "any" })).comparison.figures!.ceiling!;
    expect(ceiling.raters).toEqual({ meanKappa: 1, pairs: 1, undefinedPairs: 0 });
    expect(ceiling.judge.meanKappa).toBeCloseTo(0.4, 12);
    expect(ceiling.judge.pairs).toBe(2);
    const item = await db().queueItem.findFirstOrThrow({ where: { projectId: project.id, queueId, traceId: traces[0] } });
    await adjudicate(database(), await contextFor(project, project.users.ADMIN.id), queueId, {
      itemId: item.id,
      criterion: "correct",
      value: true,
      reason: "Checked",
    });
    const gold = await report(JUDGE, { reference: "gold" });
    expect(gold.comparison).toMatchObject({ comparable: 1, judgeOnly: 49, humanOnly: 0, figures: null });
    expect(gold.comparison.reason).toMatch(/^insufficient data: 1 comparable items, at least 30 needed/);
  });

  it("gives null with 'insufficient data' (not 0) under the project's minimum, which an admin sets", async () => {
    const set = (judgeMinItems: unknown, user = project.users.ADMIN.id) =>
      call(settings.PATCH, { method: "PATCH", user, params: { project: project.slug }, body: { judgeMinItems } });
    expect((await set(1)).status).toBe(422);
    expect((await set(100_001)).status).toBe(422);
    expect((await set(51, project.users.ENGINEER.id)).status).toBe(403);
    expect((await set(51)).json).toEqual({ judgeMinItems: 51 });
    const r = await report(JUDGE);
    expect(r.comparison).toMatchObject({ comparable: 50, minimumItems: 51, figures: null });
    expect(r.comparison.reason).toContain("insufficient data");
    expect(r.disagreements).toEqual([]);
    expect((await set(30)).status).toBe(200);
  });
});

describe("calibration sets and held-out figures", () => {
  let exampleIds: string[];

  it("adds disagreements to the set with the trace's content and the judge's value, lists and downloads them as JSONL", async () => {
    const add = await call(examplesV1.POST, {
      method: "POST",
      key: project.keys.FULL,
      origin: null,
      params: { name: JUDGE },
      body: {
        examples: [
          { target: traces[20], humanValue: false, note: "Says yes to an unsupported claim" },
          { target: traces[21], humanValue: false },
        ],
      },
    });
    expect(add.status).toBe(201);
    exampleIds = add.json.added.map((e: { id: string }) => e.id);
    expect(add.json.added[0]).toMatchObject({
      traceId: traces[20],
      input: { q: "question 20" },
      output: { a: "answer 20" },
      humanValue: false,
      judgeValue: true,
      judgeRationale: "rationale 20",
    });
    const list = await call(examplesSession.GET, { user: project.users.VIEWER.id, params: { project: project.slug, name: JUDGE } });
    expect(list.json.examples.map((e: { id: string }) => e.id)).toEqual(exampleIds);
    // Read as text: the test helper would parse any JSON-ish answer as one document.
    const jsonl = await examplesV1.GET(
      new Request(`http://assay.test/api/v1/judges/${JUDGE}/examples?format=jsonl`, { headers: { authorization: `Bearer ${project.keys.FULL}` } }),
      { params: Promise.resolve({ name: JUDGE }) },
    );
    expect(jsonl.headers.get("content-type")).toMatch(/application\/x-ndjson/);
    const lines = (await jsonl.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      inputs: { q: "question 20" },
      outputs: { a: "answer 20" },
      expectations: { correct: false },
      human_value: false,
      note: "Says yes to an unsupported claim",
      judge_value: true,
      judge_rationale: "rationale 20",
    });
    const audit = await db().auditEvent.findMany({ where: { projectId: project.id, action: "judge.examples.add" } });
    expect(audit).toHaveLength(1);
  });

  it("leaves a version's examples out of its figures and says how many; version against version uses items held out from both", async () => {
    const connectionId = (await db().modelConnection.findFirstOrThrow({ where: { projectId: project.id } })).id;
    const { versionId: v2 } = await publishedJudgeVersion(db(), project.id, {
      judgeName: JUDGE,
      connectionId,
      rubricVersionId: criterion.rubricVersionId,
      criterionId: criterion.id,
      exampleIds,
    });
    // v2 answers as v1 did but was not run on the last item; its two examples are left out of its figures.
    await judgeScores(v2, 2, (i) => i < 49);
    const r = await report(JUDGE, { version: "2", against: "1" });
    expect(r.version).toBe("v2");
    expect(r.comparison).toMatchObject({ heldOutExcluded: 2, comparable: 47, judgeOnly: 0, humanOnly: 1 });
    // On 47 items: yes/yes 20, yes/no 3, no/yes 10, no/no 14.
    expect(r.comparison.figures!.accuracy).toBeCloseTo(34 / 47, 12);
    expect(r.against).toMatchObject({ version: "v1", items: 47, heldOutExcluded: 2, self: { comparable: 47 }, other: { comparable: 47 } });
    expect(r.against!.self.figures!.kappa.value).toBeCloseTo(r.against!.other.figures!.kappa.value!, 12);
    // Without v2's examples v1 still sees all 50.
    expect((await report(JUDGE, { version: "v1" })).comparison).toMatchObject({ heldOutExcluded: 0, comparable: 50 });
  });

  it("removes an example from the set while the version that used it keeps it", async () => {
    const removed = await call(exampleV1.DELETE, { method: "DELETE", key: project.keys.FULL, origin: null, params: { name: JUDGE, exampleId: exampleIds[0] } });
    expect(removed.status).toBe(200);
    expect(removed.json.removedAt).toEqual(expect.any(String));
    const list = await call(examplesV1.GET, { key: project.keys.FULL, params: { name: JUDGE } });
    expect(list.json.examples.map((e: { id: string }) => e.id)).toEqual([exampleIds[1]]);
    const v2 = await resolveJudgeVersion(db(), project.id, (await db().judge.findFirstOrThrow({ where: { projectId: project.id, name: JUDGE } })).id, 2);
    expect((await loadExamples(db(), project.id, v2.exampleIds)).map((e) => e.id)).toEqual(exampleIds);
    expect((await report(JUDGE, { version: "2" })).comparison.heldOutExcluded).toBe(2);
    const again = await call(exampleV1.DELETE, { method: "DELETE", key: project.keys.FULL, origin: null, params: { name: JUDGE, exampleId: exampleIds[0] } });
    expect(again.status).toBe(404);
  });
});

describe("external judges", () => {
  it("reports LLM_JUDGE scores sent with a rubric reference and a rater name as external:<name>, and lists them", async () => {
    const rubric = await rubricSlugOf(project.id, queueId);
    const scores = traces.map((trace, i) => ({
      trace,
      name: "correct",
      value: pairOf(i)[1],
      rubric: { rubric, criterion: "correct" },
      raterName: "faithfulness-bot",
      raterVersion: "v3",
      comment: "agrees",
    }));
    await sendHumanScores(
      project,
      project.keys.FULL,
      scores.map((s) => ({ ...s, source: "LLM_JUDGE" })),
    );
    const res = await call(agreementV1.GET, {
      key: project.keys.FULL,
      path: "/api/v1/judges/external%3Afaithfulness-bot/agreement?reference=any",
      params: { name: "external%3Afaithfulness-bot" },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ judge: "external:faithfulness-bot", external: true, version: "v3", versions: ["v3"], criterion: { key: "correct" } });
    expect(res.json.comparison).toMatchObject({ comparable: 50, heldOutExcluded: 0 });
    expect(res.json.comparison.figures.accuracy).toBe(1);
    expect(res.json.comparison.figures.kappa.value).toBeCloseTo(1, 12);
    const list = await call(externalV1.GET, { key: project.keys.FULL });
    expect(list.json.judges).toEqual([{ name: "faithfulness-bot", versions: ["v3"], criteria: [{ id: criterion.id, key: "correct" }], count: 50 }]);
  });
});

describe("who may read and change it", () => {
  it("refuses keys and roles without the scope (403) and answers 404 for another project's judge", async () => {
    const viewerAdd = await call(examplesSession.POST, {
      method: "POST",
      user: project.users.VIEWER.id,
      params: { project: project.slug, name: JUDGE },
      body: { examples: [{ target: traces[0], humanValue: true }] },
    });
    expect(viewerAdd.status).toBe(403);
    expect((await call(agreementV1.GET, { key: project.keys.INGEST, params: { name: JUDGE } })).status).toBe(403);
    const other = await makeProject();
    expect((await call(agreementV1.GET, { key: other.keys.FULL, params: { name: JUDGE } })).status).toBe(404);
    expect((await call(examplesV1.GET, { key: other.keys.FULL, params: { name: JUDGE } })).status).toBe(404);
    expect((await call(agreementV1.GET, { key: other.keys.FULL, params: { name: "external:faithfulness-bot" } })).status).toBe(404);
  });
});
