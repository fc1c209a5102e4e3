import { describe, expect, it } from "vitest";
import { costOf, estimatePromptTokens, estimateRun, estimateTokens, spendCheck } from "./cost";

describe("estimating tokens", () => {
  it("counts characters / 4, rounded up, by code point", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("abcd")).toBe(1);
    expect(estimateTokens("abcde")).toBe(2);
    // Four emoji are four characters (eight UTF-16 units): one token by the heuristic.
    expect(estimateTokens("😀😀😀😀")).toBe(1);
  });

  it("adds 3 tokens per message and 3 to prime the reply", () => {
    expect(estimatePromptTokens(["a".repeat(40), "b".repeat(8)])).toBe(3 + (10 + 3) + (2 + 3));
  });
});

describe("cost", () => {
  const prices = { inputPerMillion: 2.5, outputPerMillion: 10 };

  it("prices usage per million tokens: 1,000 in and 200 out at $2.50 / $10 is $0.0045", () => {
    expect(costOf({ inputTokens: 1000, outputTokens: 200 }, prices)).toBeCloseTo(0.0045, 12);
    expect(costOf({ inputTokens: 1000, outputTokens: 200 }, null)).toBeNull();
  });

  it("estimates a run: a pairwise judge makes two calls per target, each with the whole prompt", () => {
    const targets = [["x".repeat(400)], ["y".repeat(800)]];
    // Per call: 3 + 100 + 3 = 106 and 3 + 200 + 3 = 206 input tokens.
    expect(estimateRun({ targets, callsPerTarget: 1, prices })).toEqual({
      targets: 2,
      calls: 2,
      inputTokens: 312,
      outputTokens: 400,
      cost: (312 * 2.5 + 400 * 10) / 1e6,
    });
    expect(estimateRun({ targets, callsPerTarget: 2, outputTokensPerCall: 50, prices })).toMatchObject({ calls: 4, inputTokens: 624, outputTokens: 200 });
  });
});

describe("the spend cap", () => {
  it("lets a call start only if it stays within the cap, and says why it stops", () => {
    expect(spendCheck(0.5, 1, 0.25)).toEqual({ go: true, remaining: 0.5 });
    expect(spendCheck(0.75, 1, 0.25)).toEqual({ go: true, remaining: 0.25 });
    expect(spendCheck(0.8, 1, 0.25)).toEqual({ go: false, reason: "The spend cap of $1 is reached: $0.8000 spent, the next call is estimated at $0.2500" });
    expect(spendCheck(1e6, null, 1)).toEqual({ go: true, remaining: null });
  });
});
