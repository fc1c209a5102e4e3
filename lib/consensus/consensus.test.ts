import { describe, expect, it } from "vitest";
import { CONSENSUS_POLICIES, type ConsensusCriterion, ConsensusInputError, consensusOf } from ".";

const NOMINAL: ConsensusCriterion = { level: "nominal" };
const QUALITY: ConsensusCriterion = { level: "ordinal", order: ["Poor", "Fair", "Good", "Excellent"] };
const SCORE: ConsensusCriterion = { level: "interval", step: 1 };
const TAGS: ConsensusCriterion = { level: "multi", options: ["wrong", "rude", "slow"] };

describe("consensusOf: unanimous", () => {
  it("agrees only when every label is the same; booleans and numbers are not their text", () => {
    expect(consensusOf("unanimous", NOMINAL, [true, true, true])).toEqual({ value: true, method: "unanimous" });
    expect(consensusOf("unanimous", NOMINAL, [true, true, false])).toEqual({ value: null, reason: "no consensus: the 3 labels hold 2 different values" });
    expect(consensusOf("unanimous", NOMINAL, [1, "1"])).toEqual({ value: null, reason: "no consensus: the 2 labels hold 2 different values" });
    expect(consensusOf("unanimous", QUALITY, ["Good", "Good"])).toEqual({ value: "Good", method: "unanimous" });
  });

  it("compares selections as sets and answers them in the declared option order", () => {
    expect(
      consensusOf("unanimous", TAGS, [
        ["slow", "wrong"],
        ["wrong", "slow", "slow"],
      ]),
    ).toEqual({ value: ["wrong", "slow"], method: "unanimous" });
    expect(consensusOf("unanimous", TAGS, [["slow"], ["slow", "rude"]])).toMatchObject({ value: null });
  });
});

describe("consensusOf: majority", () => {
  it("takes the value more than half of the labels hold", () => {
    expect(consensusOf("majority", NOMINAL, ["A", "B", "A"])).toEqual({ value: "A", method: "majority" });
    expect(consensusOf("majority", NOMINAL, [false, true, false, false])).toEqual({ value: false, method: "majority" });
  });

  it("has none on a tie, and none for a plurality that is not a majority", () => {
    expect(consensusOf("majority", NOMINAL, ["A", "B", "B", "A"])).toEqual({
      value: null,
      reason: 'no consensus: a tie between "A" and "B" (2 of 4 labels each)',
    });
    expect(consensusOf("majority", NOMINAL, [true, false])).toEqual({ value: null, reason: "no consensus: a tie between true and false (1 of 2 labels each)" });
    // 2 of 5 is the most frequent value, but not more than half.
    expect(consensusOf("majority", NOMINAL, ["A", "A", "B", "C", "D"])).toEqual({
      value: null,
      reason: 'no consensus: no value has more than half of the 5 labels (most: "A", 2)',
    });
  });

  it("applies to ordered levels too, on the exact values", () => {
    expect(consensusOf("majority", SCORE, [3, 3, 5])).toEqual({ value: 3, method: "majority" });
    expect(consensusOf("majority", QUALITY, ["Poor", "Good", "Excellent"])).toMatchObject({ value: null });
  });
});

describe("consensusOf: median", () => {
  it("is the middle value on the declared order, not the alphabetical one", () => {
    // Alphabetically Excellent < Fair < Good < Poor would make "Good" the middle one.
    expect(consensusOf("median", QUALITY, ["Poor", "Excellent", "Fair"])).toEqual({ value: "Fair", method: "median" });
    expect(consensusOf("median", QUALITY, ["Excellent", "Poor", "Good", "Good", "Poor"])).toEqual({ value: "Good", method: "median" });
  });

  it("with an even count: the two middle values if they are the same, else none", () => {
    expect(consensusOf("median", QUALITY, ["Poor", "Good", "Good", "Excellent"])).toEqual({ value: "Good", method: "median" });
    expect(consensusOf("median", QUALITY, ["Poor", "Fair", "Good", "Excellent"])).toEqual({
      value: null,
      reason: 'no consensus: an even number of labels (4) whose two middle values differ ("Fair" and "Good")',
    });
    expect(consensusOf("median", { level: "ordinal", order: [1, 2, 3, 4, 5] }, [5, 1])).toMatchObject({ value: null });
  });

  it("on interval data is the middle number, with the same even-count rule (no averaging of the two)", () => {
    expect(consensusOf("median", SCORE, [10, 2, 7])).toEqual({ value: 7, method: "median" });
    expect(consensusOf("median", SCORE, [2, 4, 6, 8])).toMatchObject({ value: null });
  });

  it("on nominal data, which has no order, is the majority and says so", () => {
    expect(consensusOf("median", NOMINAL, ["x", "y", "x"])).toEqual({ value: "x", method: "majority" });
    expect(consensusOf("median", NOMINAL, [true, false])).toMatchObject({ value: null, reason: expect.stringContaining("a tie") });
  });
});

describe("consensusOf: mean", () => {
  it("is the mean rounded to the criterion's step, halves up", () => {
    // (1 + 2 + 2 + 5) / 4 = 2.5 → 3
    expect(consensusOf("mean", SCORE, [1, 2, 2, 5])).toEqual({ value: 3, method: "mean" });
    // (1 + 2 + 2) / 3 = 1.667 → 2; (1 + 1 + 2) / 3 = 1.333 → 1
    expect(consensusOf("mean", SCORE, [1, 2, 2])).toEqual({ value: 2, method: "mean" });
    expect(consensusOf("mean", SCORE, [1, 1, 2])).toEqual({ value: 1, method: "mean" });
    // (−2 − 3) / 2 = −2.5 → −2 (up is towards the higher value)
    expect(consensusOf("mean", SCORE, [-2, -3])).toEqual({ value: -2, method: "mean" });
  });

  it("rounds to decimal and coarse steps without binary noise", () => {
    const tenths: ConsensusCriterion = { level: "ratio", step: 0.1 };
    // (0.1 + 0.2 + 0.75) / 3 = 0.35 exactly in decimals, 0.35/0.1 = 3.4999… in binary: still 0.4.
    expect(consensusOf("mean", tenths, [0.1, 0.2, 0.75])).toEqual({ value: 0.4, method: "mean" });
    expect(consensusOf("mean", tenths, [0.1, 0.2])).toEqual({ value: 0.2, method: "mean" });
    // (10 + 20 + 40) / 3 = 23.33 → 25 in steps of 5
    expect(consensusOf("mean", { level: "interval", step: 5 }, [10, 20, 40])).toEqual({ value: 25, method: "mean" });
  });

  it("is not rounded without a step", () => {
    expect(consensusOf("mean", { level: "interval" }, [1, 2])).toEqual({ value: 1.5, method: "mean" });
  });

  it("on ordinal data is the median, on nominal data the majority, and says so", () => {
    expect(consensusOf("mean", QUALITY, ["Poor", "Good", "Excellent"])).toEqual({ value: "Good", method: "median" });
    expect(consensusOf("mean", NOMINAL, [true, true, false])).toEqual({ value: true, method: "majority" });
  });
});

describe("consensusOf: multi-select, per-option majority", () => {
  it("keeps each option more than half of the raters chose, under every policy but unanimous", () => {
    // wrong 3/3, rude 1/3, slow 2/3
    const values = [["wrong", "slow"], ["slow", "wrong", "rude"], ["wrong"]];
    for (const policy of ["majority", "median", "mean"] as const)
      expect(consensusOf(policy, TAGS, values)).toEqual({ value: ["wrong", "slow"], method: "per-option-majority" });
    expect(consensusOf("majority", TAGS, [[], ["rude"], []])).toEqual({ value: [], method: "per-option-majority" });
  });

  it("has none when an option is chosen by exactly half of the raters", () => {
    expect(consensusOf("majority", TAGS, [["wrong", "slow"], ["wrong"], ["wrong", "slow", "rude"], ["wrong"]])).toEqual({
      value: null,
      reason: 'no consensus: a tie on "slow" (chosen by 2 of 4 raters)',
    });
  });
});

describe("consensusOf: edge cases", () => {
  it("free text (TEXT, CORRECTION) has a consensus only through adjudication, even when the texts match", () => {
    for (const policy of CONSENSUS_POLICIES) {
      expect(consensusOf(policy, { level: "none" }, ["same", "same"])).toEqual({
        value: null,
        reason: "no consensus: free text is settled only through adjudication",
      });
    }
  });

  it("no values: none; one value: its own consensus under every policy", () => {
    expect(consensusOf("majority", NOMINAL, [])).toEqual({ value: null, reason: "no consensus: no labels" });
    expect(consensusOf("unanimous", QUALITY, ["Fair"])).toEqual({ value: "Fair", method: "unanimous" });
    expect(consensusOf("majority", NOMINAL, [false])).toEqual({ value: false, method: "majority" });
    expect(consensusOf("median", QUALITY, ["Fair"])).toEqual({ value: "Fair", method: "median" });
    expect(consensusOf("mean", { level: "interval", step: 0.5 }, [3.3])).toEqual({ value: 3.5, method: "mean" });
    expect(consensusOf("mean", TAGS, [["rude", "wrong"]])).toEqual({ value: ["wrong", "rude"], method: "per-option-majority" });
  });

  it("never answers NaN: a null always has a reason", () => {
    for (const policy of CONSENSUS_POLICIES) {
      for (const [criterion, values] of [
        [SCORE, []],
        [QUALITY, ["Poor", "Excellent"]],
        [NOMINAL, ["a", "b"]],
      ] as const) {
        const result = consensusOf(policy, criterion, values);
        if (result.value === null) expect(result.reason).toMatch(/^no consensus: /);
        else expect(Number.isNaN(result.value)).toBe(false);
      }
    }
  });

  it("refuses values the criterion cannot hold, naming them", () => {
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(ConsensusInputError);
        expect((error as ConsensusInputError).code).toBe("validation_failed");
        return (error as Error).message;
      }
      throw new Error("accepted");
    };
    expect(refused(() => consensusOf("median", QUALITY, ["Good", "Great"]))).toBe('"Great" is not in the declared order Poor < Fair < Good < Excellent');
    expect(refused(() => consensusOf("majority", QUALITY, ["Good", "Great"]))).toContain('"Great"');
    expect(refused(() => consensusOf("median", { level: "ordinal" }, ["Good"]))).toBe("an ordinal criterion needs its declared order");
    expect(refused(() => consensusOf("median", { level: "ordinal", order: [1, 2, 3] }, ["2"]))).toContain('"2" is not in the declared order');
    expect(refused(() => consensusOf("mean", SCORE, [1, "2"]))).toBe('interval values are numbers, not "2"');
    expect(refused(() => consensusOf("mean", { level: "interval", step: 0 }, [1]))).toBe("the step must be a number above 0, not 0");
    expect(refused(() => consensusOf("majority", TAGS, [["wrong"], ["late"]]))).toBe('"late" is not one of the declared options');
    expect(refused(() => consensusOf("majority", TAGS, [["wrong"], "wrong"]))).toBe('a multi-select value is a list of options, not "wrong"');
    expect(refused(() => consensusOf("majority", NOMINAL, [["a"]]))).toBe('a list of options (["a"]) is a multi-select value, not a nominal one');
  });
});
