import { describe, expect, it } from "vitest";
import { type ConsensusCriterion, ConsensusInputError, type ConsensusValue, raterFigures } from ".";

const QUALITY: ConsensusCriterion = { level: "ordinal", order: ["Poor", "Fair", "Good", "Excellent"] };
const unit = (name: string, labels: Record<string, ConsensusValue>, gold?: ConsensusValue) => ({
  unit: name,
  byRater: new Map(Object.entries(labels)),
  ...(gold === undefined ? {} : { gold }),
});

describe("raterFigures", () => {
  it("compares each rater with the median of the others only, with gold, and measures leniency in ranks", () => {
    // Ranks Poor 0, Fair 1, Good 2, Excellent 3.
    const units = [
      unit("u1", { ann: "Good", bob: "Good", cy: "Fair" }, "Good"),
      unit("u2", { ann: "Excellent", bob: "Good", cy: "Good" }),
      unit("u3", { ann: "Fair", bob: "Poor" }),
      unit("u4", { ann: "Good" }, "Fair"),
      unit("u5", { ann: "Fair", bob: "Fair", cy: "Fair" }),
    ];
    // ann: u1 others Good/Fair have no median (not counted, though her own vote would have
    // made Good the median); u2 others Good ≠ Excellent; u3 other Poor ≠ Fair; u5 Fair = Fair → 1/3.
    // Gold: u1 Good = Good, u4 Good ≠ Fair → 1/2. Offsets: u1 2 − 1.5, u2 3 − 2, u3 1 − 0, u5 0 → 2.5 / 4.
    // bob: u1 none, u2 others Excellent/Good none, u3 Fair ≠ Poor, u5 = → 1/2; gold 1/1;
    // offsets 0.5, −0.5, −1, 0 → −0.25. cy: u1 others Good ≠ Fair, u2 none, u5 = → 1/2; gold 0/1;
    // offsets −1, −0.5, 0 → −0.5.
    expect(raterFigures("median", QUALITY, units)).toEqual([
      { rater: "ann", items: 5, agreementWithOthers: 1 / 3, agreementWithGold: 0.5, meanOffset: 0.625 },
      { rater: "bob", items: 4, agreementWithOthers: 0.5, agreementWithGold: 1, meanOffset: -0.25 },
      { rater: "cy", items: 3, agreementWithOthers: 0.5, agreementWithGold: 0, meanOffset: -0.5 },
    ]);
  });

  it("on interval data: the others' mean rounded to the step as consensus, offsets in the values' unit", () => {
    const units = [unit("u1", { a: 4, b: 2, c: 3 }), unit("u2", { a: 5, b: 3 })];
    // a: u1 others (2 + 3) / 2 = 2.5 → 3 ≠ 4, u2 3 ≠ 5 → 0; offsets 1.5, 2 → 1.75.
    // b: u1 (4 + 3) / 2 → 4 ≠ 2, u2 5 ≠ 3 → 0; offsets −1.5, −2. c: u1 (4 + 2) / 2 = 3 = 3 → 1; offset 0.
    expect(raterFigures("mean", { level: "interval", step: 1 }, units)).toEqual([
      { rater: "a", items: 2, agreementWithOthers: 0, agreementWithGold: null, meanOffset: 1.75 },
      { rater: "b", items: 2, agreementWithOthers: 0, agreementWithGold: null, meanOffset: -1.75 },
      { rater: "c", items: 1, agreementWithOthers: 1, agreementWithGold: null, meanOffset: 0 },
    ]);
  });

  it("leaves a figure null when nothing supports it: a lone rater, no gold, no order, free text", () => {
    expect(raterFigures("majority", { level: "nominal" }, [unit("u1", { solo: true }), unit("u2", { solo: false, other: false }, true)])).toEqual([
      { rater: "other", items: 1, agreementWithOthers: 1, agreementWithGold: 0, meanOffset: null },
      { rater: "solo", items: 2, agreementWithOthers: 1, agreementWithGold: 0, meanOffset: null },
    ]);
    // Free text never has a consensus, but it can match gold.
    expect(raterFigures("unanimous", { level: "none" }, [unit("u1", { a: "fixed", b: "fixed" }, "fixed")])).toEqual([
      { rater: "a", items: 1, agreementWithOthers: null, agreementWithGold: 1, meanOffset: null },
      { rater: "b", items: 1, agreementWithOthers: null, agreementWithGold: 1, meanOffset: null },
    ]);
    expect(raterFigures("majority", QUALITY, [])).toEqual([]);
  });

  it("compares selections with the others' per-option majority and with gold as sets", () => {
    const tags: ConsensusCriterion = { level: "multi", options: ["wrong", "rude", "slow"] };
    const units = [unit("u1", { a: ["slow", "wrong"], b: ["wrong", "slow"], c: ["wrong"] }, ["wrong", "slow"])];
    // a: others {wrong, slow} and {wrong}: slow is a tie (1 of 2) → not counted. c: others agree on {wrong, slow} ≠ {wrong}.
    expect(raterFigures("majority", tags, units)).toEqual([
      { rater: "a", items: 1, agreementWithOthers: null, agreementWithGold: 1, meanOffset: null },
      { rater: "b", items: 1, agreementWithOthers: null, agreementWithGold: 1, meanOffset: null },
      { rater: "c", items: 1, agreementWithOthers: 0, agreementWithGold: 0, meanOffset: null },
    ]);
  });

  it("refuses a value off the declared order, even one no other rater can be compared with", () => {
    expect(() => raterFigures("median", QUALITY, [unit("u1", { a: "Great" })])).toThrow(ConsensusInputError);
    expect(() => raterFigures("median", QUALITY, [unit("u1", { a: "Good" }, "Great")])).toThrow('"Great" is not in the declared order');
  });
});
