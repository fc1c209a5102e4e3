import { beforeAll, describe, expect, it } from "vitest";
import * as v1ConsensusRoute from "@/app/api/v1/queues/[queueId]/consensus/route";
import { database, db, pool } from "@/lib/db/client";
import { adjudicate, addReferenceGold } from "@/lib/gold/service";
import { updateQueue } from "@/lib/queues/manage";
import { queueProgress } from "@/lib/queues/progress";
import type { TConsensusAnswer } from "@/lib/reports/answers";
import { queueConsensus } from "@/lib/reports/consensus";
import { labelQueue } from "@/tests/helpers/agreement";
import { type TestProject, call, makeProject } from "@/tests/helpers/fixtures";
import { contextFor, makeQueue, makeRaters } from "@/tests/helpers/queues";
import { projectContextForApiKey } from "@/lib/auth/context";

// Consensus on read, per the queue's policy, on completed items only; the label of an item
// (adjudicated gold > reference gold > consensus); and each rater against the others.

const HELPFUL = [
  [4, 4, 5],
  [2, 3, 4],
  [3, 3, 3],
  [1, 1, null],
];
const CORRECT = [
  [true, true, false],
  [true, false, false],
  [true, true, true],
  [true, true, null],
];
const ISSUES = [
  [["tone"], ["tone", "length"], []],
  [["tone"], ["length"], []],
  [[], [], []],
  [[], [], null],
];

let project: TestProject;
let raters: string[];
let queueId: string;
let traceIds: string[];

const labelOf = (answer: TConsensusAnswer, itemId: string, criterion: string) =>
  answer.items.find((i) => i.itemId === itemId)?.criteria.find((c) => c.criterion === criterion);
const itemOf = async (i: number) => (await db().queueItem.findFirstOrThrow({ where: { projectId: project.id, queueId, traceId: traceIds[i] } })).id;

beforeAll(async () => {
  project = await makeProject();
  raters = await makeRaters(project.id, 3);
  ({ queueId, traceIds } = await makeQueue(project, { items: 4, overlap: 3, raters }));
  for (const [r, rater] of raters.entries()) {
    await labelQueue(project, queueId, rater, (trace) => {
      const i = traceIds.indexOf(trace);
      return HELPFUL[i][r] === null ? null : { helpfulness: HELPFUL[i][r], correct: CORRECT[i][r], issues: ISSUES[i][r], rationale: "why" };
    });
  }
});

describe("consensus on read", () => {
  it("applies each policy to completed items only, with the reason when there is none", async () => {
    const engineer = await contextFor(project, project.users.ENGINEER.id);
    const [i0, i1, i2, i3] = await Promise.all([0, 1, 2, 3].map(itemOf));
    const majority = await queueConsensus(database(), engineer, queueId, { limit: 100 });
    expect(majority.policy).toBe("MAJORITY");
    expect(majority.items.map((i) => i.itemId).sort()).toEqual([i0, i1, i2].sort());
    expect(majority.items.some((i) => i.itemId === i3)).toBe(false);
    expect(labelOf(majority, i0, "helpfulness")).toMatchObject({ labels: 3, consensus: { value: 4, method: "majority" }, label: 4, source: "CONSENSUS" });
    expect(labelOf(majority, i1, "helpfulness")!.consensus).toEqual({ value: null, reason: expect.stringContaining("no consensus: a tie between") });
    expect(labelOf(majority, i1, "helpfulness")!.source).toBeNull();
    expect(labelOf(majority, i1, "correct")!.consensus).toEqual({ value: false, method: "majority" });
    expect(labelOf(majority, i0, "issues")!.consensus).toEqual({ value: ["tone"], method: "per-option-majority" });
    expect(labelOf(majority, i1, "issues")!.consensus).toEqual({ value: [], method: "per-option-majority" });
    expect(labelOf(majority, i0, "rationale")!.consensus).toEqual({ value: null, reason: expect.stringContaining("free text") });

    await updateQueue(database(), engineer, queueId, { consensusPolicy: "UNANIMOUS" });
    const unanimous = await queueConsensus(database(), engineer, queueId, { limit: 100 });
    expect(labelOf(unanimous, i0, "helpfulness")!.consensus.value).toBeNull();
    expect(labelOf(unanimous, i2, "helpfulness")!.consensus).toEqual({ value: 3, method: "unanimous" });

    await updateQueue(database(), engineer, queueId, { consensusPolicy: "MEDIAN" });
    const median = await queueConsensus(database(), engineer, queueId, { limit: 100 });
    expect(labelOf(median, i1, "helpfulness")!.consensus).toEqual({ value: 3, method: "median" });
    // A median of unordered categories falls back to the majority, and says so.
    expect(labelOf(median, i0, "correct")!.consensus).toEqual({ value: true, method: "majority" });

    await updateQueue(database(), engineer, queueId, { consensusPolicy: "MEAN" });
    const mean = await queueConsensus(database(), engineer, queueId, { limit: 100 });
    // An ordinal scale has no mean: its median, named as such.
    expect(labelOf(mean, i0, "helpfulness")!.consensus).toEqual({ value: 4, method: "median" });
    await updateQueue(database(), engineer, queueId, { consensusPolicy: "MAJORITY" });

    const first = await queueConsensus(database(), engineer, queueId, { limit: 2 });
    expect(first.items).toHaveLength(2);
    const rest = await queueConsensus(database(), engineer, queueId, { limit: 2, cursor: first.nextCursor! });
    expect([rest.items.length, rest.nextCursor]).toEqual([1, null]);
  });

  it("reads the label of an item as adjudicated gold, else reference gold, else consensus", async () => {
    const engineer = await contextFor(project, project.users.ENGINEER.id);
    const i2 = await itemOf(2);
    const key = await projectContextForApiKey(pool(), project.keys.FULL);
    await addReferenceGold(database(), key, queueId, { gold: [{ itemId: i2, criterion: "helpfulness", value: 4 }] });
    let answer = await queueConsensus(database(), engineer, queueId, { limit: 100 });
    expect(labelOf(answer, i2, "helpfulness")).toMatchObject({ consensus: { value: 3 }, label: 4, source: "REFERENCE" });
    await adjudicate(database(), engineer, queueId, { itemId: i2, criterion: "helpfulness", value: 5, reason: "the guidelines say 5 for this" });
    answer = await queueConsensus(database(), engineer, queueId, { limit: 100 });
    expect(labelOf(answer, i2, "helpfulness")).toMatchObject({ label: 5, source: "ADJUDICATED", gold: { kind: "ADJUDICATED", value: 5 } });
    const v1 = await call(v1ConsensusRoute.GET, {
      key: project.keys.FULL,
      origin: null,
      params: { queueId },
      path: `/api/v1/queues/${queueId}/consensus?limit=10`,
    });
    expect(v1.status).toBe(200);
    expect(v1.json.items).toHaveLength(3);
  });
});

describe("each rater against the others", () => {
  it("gives readers agreement with the leave-one-out consensus of the others, with gold, and the mean offset", async () => {
    const engineer = await contextFor(project, project.users.ENGINEER.id);
    const progress = await queueProgress(database(), engineer, queueId);
    const helpful = (userId: string) =>
      progress.raters.find((r) => r.userId === userId)!.agreement!.find((a: { criterion: string }) => a.criterion === "helpfulness")!;
    // Rater 0: others tie on items 0 and 1; agree on 2 (3) and 3 (1). Rater 2: misses item 0 (4), agrees on 2.
    expect(helpful(raters[0])).toMatchObject({ items: 4, agreementWithOthers: 1 });
    expect(helpful(raters[1])).toMatchObject({ items: 4, agreementWithOthers: 1 });
    expect(helpful(raters[2])).toMatchObject({ items: 3, agreementWithOthers: 0.5 });
    expect(helpful(raters[2]).meanOffset).toBeGreaterThan(0);
    expect(helpful(raters[0]).meanOffset).toBeLessThan(0);
    // Gold on item 2 is 5 (adjudicated): nobody gave it.
    expect(helpful(raters[0]).agreementWithGold).toBe(0);
    const own = await queueProgress(database(), await contextFor(project, raters[0]), queueId);
    expect(own.raters[0].agreement).toBeUndefined();
  });
});
