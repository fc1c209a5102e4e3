import { beforeAll, describe, expect, it } from "vitest";
import * as reportRoute from "@/app/api/projects/[project]/queues/[queueId]/agreement/route";
import * as v1ReportRoute from "@/app/api/v1/queues/[queueId]/agreement/route";
import { agreementSummary, tabulate } from "@/lib/agreement";
import { database, db } from "@/lib/db/client";
import { addItems } from "@/lib/queues/items";
import { createQueue, updateQueue } from "@/lib/queues/manage";
import { ZItemsAdd, ZQueueCreate } from "@/lib/queues/schemas";
import { reviseLabels } from "@/lib/queues/revise";
import { agreementReport, NOT_INDEPENDENT } from "@/lib/reports/agreement";
import type { TAgreementReport } from "@/lib/reports/answers";
import { labelQueue, rubricSlugOf, sendHumanScores } from "@/tests/helpers/agreement";
import { type TestProject, call, makeProject } from "@/tests/helpers/fixtures";
import { contextFor, makeQueue, makeRaters, makeRubricVersion, makeTraces } from "@/tests/helpers/queues";

// The agreement report on seeded labels: three experts and an external annotator on six
// items, with a revision that must not move the statistics.

const HELPFUL = [
  [4, 4, 5, 4],
  [2, 2, 2, 1],
  [5, 4, 5, 5],
  [1, 1, 2, 1],
  [3, 3, 3, 3],
  [4, 5, 4, 4],
];
const CORRECT = [
  [true, true, true],
  [false, false, true],
  [true, true, true],
  [false, false, false],
  [true, false, true],
  [true, true, true],
];

let project: TestProject;
let raters: string[];
let queueId: string;
let traceIds: string[];

const criterion = (report: TAgreementReport, key: string) => report.criteria.find((c) => c.key === key)!;

beforeAll(async () => {
  project = await makeProject();
  raters = await makeRaters(project.id, 3);
  ({ queueId, traceIds } = await makeQueue(project, { items: 6, overlap: 3, raters }));
  for (const [r, rater] of raters.entries()) {
    await labelQueue(project, queueId, rater, (trace) => {
      const i = traceIds.indexOf(trace);
      return { helpfulness: HELPFUL[i][r], correct: CORRECT[i][r], rationale: `because ${i}` };
    });
  }
  // An annotator who labelled elsewhere: HUMAN scores with a rater name on the same criterion.
  const rubric = await rubricSlugOf(project.id, queueId);
  await sendHumanScores(
    project,
    project.keys.FULL,
    traceIds.map((trace, i) => ({
      trace,
      name: "helpfulness",
      value: HELPFUL[i][3],
      raterName: "vendor",
      rubric: { rubric, version: 1, criterion: "helpfulness" },
    })),
  );
  // A production app's INGEST key relaying a HUMAN score: not a rater unless the queue says so.
  await sendHumanScores(project, project.keys.INGEST, [
    { trace: traceIds[0], name: "helpfulness", value: 1, rubric: { rubric, version: 1, criterion: "helpfulness" } },
  ]);
});

describe("the agreement report", () => {
  it("computes α per criterion at its level from experts and external annotators, and says the labels are not independent", async () => {
    const ctx = await contextFor(project, project.users.ENGINEER.id);
    const report = await agreementReport(database(), ctx, queueId);
    expect(report.independence).toEqual({ independent: false, note: NOT_INDEPENDENT });
    expect(report.raters.map((r) => [r.kind, r.name, r.labels])).toEqual([
      ["user", "Rater 0", 18],
      ["user", "Rater 1", 18],
      ["user", "Rater 2", 18],
      ["external", "vendor", 6],
    ]);
    const helpful = criterion(report, "helpfulness");
    // The same figures as the statistics module gives on the same ratings.
    const items = await db().queueItem.findMany({ where: { projectId: project.id, queueId } });
    const unitOf = (i: number) => items.find((item) => item.traceId === traceIds[i])!.id;
    const ratings = HELPFUL.flatMap((row, i) => row.map((value, r) => ({ item: unitOf(i), rater: `r${r}`, value }))).sort((x, y) =>
      x.item.localeCompare(y.item),
    );
    const expected = agreementSummary(tabulate(ratings, { level: "ordinal", values: [1, 2, 3, 4, 5] }), { seed: 1, resamples: 1000, minimum: 0.667 });
    expect(helpful.summary!.alpha).toBeCloseTo(expected.alpha!, 10);
    expect(helpful.summary!.ci95).toEqual(expected.ci95);
    expect(helpful.summary).toMatchObject({ level: "ordinal", items: 6, raters: 4, pairable: 24, minimum: 0.667 });
    expect(helpful.summary!.pairs).toHaveLength(6);
    expect(helpful.light).toBe(expected.alpha! >= 0.8 ? "reliable" : expected.alpha! >= 0.667 ? "tentative" : "unreliable");
    expect(helpful.coverage).toEqual({ units: 6, unitsWithTwoOrMore: 6, labels: 24 });
    const vendor = report.raters.find((r) => r.name === "vendor")!.key;
    expect(helpful.distribution.find((d) => d.rater === vendor)).toEqual({ rater: vendor, labels: 6, values: { "1": 2, "3": 1, "4": 2, "5": 1 } });

    const correct = criterion(report, "correct");
    expect(correct.summary).toMatchObject({ level: "nominal", items: 6, raters: 3 });
    const nominal = agreementSummary(
      tabulate(
        CORRECT.flatMap((row, i) => row.map((v, r) => ({ item: `i${i}`, rater: `r${r}`, value: String(v) }))),
        { level: "nominal", values: ["false", "true"] },
      ),
      { seed: 1, resamples: 1000, minimum: 0.667 },
    );
    expect(correct.summary!.alpha).toBeCloseTo(nominal.alpha!, 10);
    expect(correct.summary!.percentAgreement).toBeCloseTo(nominal.percentAgreement!, 10);

    const rationale = criterion(report, "rationale");
    expect([rationale.kind, rationale.summary, rationale.light]).toEqual(["none", null, "undefined"]);
    expect(rationale.coverage).toEqual({ units: 6, unitsWithTwoOrMore: 6, labels: 18 });
  });

  it("counts HUMAN scores from an INGEST key only when the queue says so", async () => {
    const engineer = await contextFor(project, project.users.ENGINEER.id);
    await updateQueue(database(), engineer, queueId, { ingestRaters: true });
    try {
      const report = await agreementReport(database(), engineer, queueId);
      expect(report.raters.map((r) => r.kind)).toContain("apiKey");
      expect(criterion(report, "helpfulness").coverage.labels).toBe(25);
    } finally {
      await updateQueue(database(), engineer, queueId, { ingestRaters: false });
    }
  });

  it("uses each rater's first submitted revision, so a revision after seeing others does not move α", async () => {
    const ctx = await contextFor(project, project.users.ENGINEER.id);
    const before = await agreementReport(database(), ctx, queueId);
    const item = await db().queueItem.findFirstOrThrow({ where: { projectId: project.id, queueId, traceId: traceIds[1] } });
    await reviseLabels(database(), await contextFor(project, raters[2]), queueId, item.id, { values: { helpfulness: 5, correct: false } });
    const after = await agreementReport(database(), ctx, queueId);
    expect(criterion(after, "helpfulness").summary!.alpha).toBe(criterion(before, "helpfulness").summary!.alpha);
    expect(criterion(after, "correct").summary!.alpha).toBe(criterion(before, "correct").summary!.alpha);
  });

  it("answers over the API with a FULL key and to readers by session, with ids on request, and refuses an expert", async () => {
    const v1 = await call(v1ReportRoute.GET, {
      key: project.keys.FULL,
      origin: null,
      path: `/api/v1/queues/${queueId}/agreement?ids=true`,
      params: { queueId },
    });
    expect(v1.status).toBe(200);
    const helpful = v1.json.criteria.find((c: { key: string }) => c.key === "helpfulness");
    expect(helpful.basis.unitIds).toHaveLength(6);
    expect(helpful.basis.labelIds).toHaveLength(24);
    expect(helpful.summary.pairs[0].itemIds).toHaveLength(6);
    const session = await call(reportRoute.GET, { user: project.users.VIEWER.id, params: { project: project.slug, queueId } });
    expect(session.status).toBe(200);
    expect(session.json.criteria[0].basis.unitIds).toBeUndefined();
    expect((await call(reportRoute.GET, { user: raters[0], params: { project: project.slug, queueId } })).status).toBe(403);
  });
});

describe("pairwise and multi-select criteria", () => {
  it("makes each side of a pair a unit for per-side criteria, the pair the unit for a preference, and gives MULTI its lowest per-option α", async () => {
    const pairProject = await makeProject();
    const pairRaters = await makeRaters(pairProject.id, 3);
    const manager = await contextFor(pairProject, pairProject.users.ENGINEER.id);
    const version = await makeRubricVersion(pairProject.id);
    const queue = await createQueue(
      database(),
      manager,
      ZQueueCreate.parse({ name: "pairs", rubricVersionId: version.id, mode: "PAIRWISE", overlap: 3, blind: true, memberUserIds: pairRaters }),
    );
    const traces = await makeTraces(pairProject.id, 6);
    await addItems(database(), manager, queue.id, ZItemsAdd.parse({ pairs: [0, 2, 4].map((i) => ({ a: traces[i], b: traces[i + 1] })) }));
    const PREFERRED = [
      ["A", "A", "A"],
      ["B", "B", "TIE"],
      ["A", "B", "A"],
    ];
    const ISSUES = [
      [["tone"], ["tone"], ["tone", "length"]],
      [[], [], ["length"]],
      [["length"], ["length"], ["length"]],
    ];
    for (const [r, rater] of pairRaters.entries()) {
      await labelQueue(pairProject, queue.id, rater, (trace) => {
        const i = traces.indexOf(trace) / 2;
        return {
          preferred: PREFERRED[i][r],
          "helpfulness:A": 3 + (r % 2),
          "helpfulness:B": 2,
          "correct:A": true,
          "correct:B": i !== 1,
          "issues:A": ISSUES[i][r],
          "issues:B": [],
        };
      });
    }
    const report = await agreementReport(database(), manager, queue.id);
    expect(report.independence).toEqual({ independent: true, note: null });
    const preferred = criterion(report, "preferred");
    expect(preferred.coverage).toEqual({ units: 3, unitsWithTwoOrMore: 3, labels: 9 });
    expect(preferred.summary).toMatchObject({ level: "nominal", items: 3, raters: 3 });
    const helpful = criterion(report, "helpfulness");
    expect(helpful.coverage).toEqual({ units: 6, unitsWithTwoOrMore: 6, labels: 18 });
    expect(helpful.summary!.items).toBe(6);
    const issues = criterion(report, "issues");
    expect(issues.kind).toBe("multi");
    expect(issues.multi!.perOption.map((o) => o.option)).toEqual(["tone", 'facts "quoted"', "length"]);
    const defined = issues.multi!.perOption.filter((o) => o.alpha !== null).map((o) => o.alpha!);
    expect(issues.multi!.lowest.alpha).toBe(Math.min(...defined));
    expect(issues.note).toContain("lowest per-option α");
    expect(issues.multi!.pairs).toHaveLength(3);
    expect(issues.distribution.find((d) => d.labels > 0)!.values).toHaveProperty("length");
  });
});
