import { describe, expect, it } from "vitest";
import { averageRanks, bias, meanAbsoluteError, pearson, spearman, withinOne } from "./rank-stats";

describe("Spearman's ρ", () => {
  it("Wikipedia's worked example, IQ against hours of TV a week for 10 people: ρ = −29/165 = −0.175758", () => {
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    expect(spearman(iq, tv).value).toBeCloseTo(-29 / 165, 12);
    expect(spearman(iq, tv).value).toBeCloseTo(-0.175758, 6);
  });

  it("gives tied values the mean of their ranks, and then is Pearson's r of the ranks", () => {
    expect(averageRanks([10, 20, 20, 30, 20])).toEqual([1, 3, 3, 5, 3]);
    // By hand: ranks x [1, 2.5, 2.5, 4], y [1, 3, 2, 4]; Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5, so ρ = 4.5/√22.5.
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4]).value).toBeCloseTo(4.5 / Math.sqrt(22.5), 12);
  });

  it("is null with a reason when one side never varies or there is one item", () => {
    expect(spearman([1, 2, 3], [2, 2, 2])).toEqual({ value: null, reason: "undefined: one side gave the same value to every item" });
    expect(pearson([1], [1])).toEqual({ value: null, reason: "undefined: fewer than two items" });
  });
});

describe("error, bias and agreement within one step", () => {
  it("by hand on four items: judge [3, 4, 2, 5], people [3, 2, 2, 4]", () => {
    const judge = [3, 4, 2, 5];
    const human = [3, 2, 2, 4];
    expect(meanAbsoluteError(judge, human)).toBe(3 / 4);
    expect(bias(judge, human)).toBe(3 / 4);
    expect(bias(human, judge)).toBe(-3 / 4);
    expect(withinOne(judge, human)).toBe(3 / 4);
  });
});
