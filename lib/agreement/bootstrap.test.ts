import { describe, expect, it } from "vitest";
import { alphaEvaluator, buildProfiles, krippendorffAlpha } from "./alpha";
import { alphaWithInterval, percentileInterval, resampleItems } from "./bootstrap";
import { tabulate } from "./data";
import { mulberry32 } from "./random";
import { csvFixture } from "./test-fixtures";
import type { Rating } from "./types";

const ordinal2011 = tabulate(csvFixture("krippendorff-2011.csv"), { level: "ordinal", values: [1, 2, 3, 4, 5] });

describe("the bootstrap interval of α", () => {
  it("is the same for the same data and seed, close but not identical for another seed", () => {
    const first = alphaWithInterval(ordinal2011, { seed: 7 });
    const again = alphaWithInterval(ordinal2011, { seed: 7 });
    const other = alphaWithInterval(ordinal2011, { seed: 8 });
    expect(again.ci95).toEqual(first.ci95);
    expect(again.probabilityBelowMinimum).toBe(first.probabilityBelowMinimum);
    expect(other.ci95).not.toEqual(first.ci95);
    const [lo, hi] = first.ci95 as [number, number];
    const [otherLo, otherHi] = other.ci95 as [number, number];
    expect(Math.abs(otherLo - lo)).toBeLessThan(0.05);
    expect(Math.abs(otherHi - hi)).toBeLessThan(0.05);
  });

  it("contains the point estimate on Krippendorff (2011), ordinal, and says how likely α is below the minimum", () => {
    const result = alphaWithInterval(ordinal2011, { seed: 1, resamples: 2000, minimum: 0.667 });
    expect(result.alpha.value).toBeCloseTo(0.815, 3);
    const [lo, hi] = result.ci95 as [number, number];
    expect(lo).toBeLessThan(0.815);
    expect(hi).toBeGreaterThan(0.815);
    expect(hi).toBeLessThanOrEqual(1);
    expect(result.resamples).toBe(2000);
    expect(result.probabilityBelowMinimum).toBeGreaterThan(0);
    expect(result.probabilityBelowMinimum).toBeLessThan(0.5);
    expect(alphaWithInterval(ordinal2011, { seed: 1, minimum: 1.01 }).probabilityBelowMinimum).toBe(1);
  });

  it("computes a resample's α from item profiles exactly as from the resampled items themselves", () => {
    const profiles = buildProfiles(ordinal2011);
    const random = mulberry32(3);
    const n = profiles.profileOfItem.length;
    const drawn = Array.from({ length: n }, () => profiles.pairableItemIndexes[(random.next() * n) | 0]);
    const weights = new Float64Array(profiles.multiplicity.length);
    for (const item of drawn) weights[profiles.profileOfItem[profiles.pairableItemIndexes.indexOf(item)]]++;
    // The same resample spelled out: every drawn item copied under a new name.
    const ratings: Rating[] = drawn.flatMap((item, copy) => {
      const result: Rating[] = [];
      for (let j = ordinal2011.itemStart[item]; j < ordinal2011.itemStart[item + 1]; j++) {
        result.push({ item: `${copy}`, rater: ordinal2011.raters[ordinal2011.raterOf[j]], value: ordinal2011.categories[ordinal2011.codeOf[j]] });
      }
      return result;
    });
    const spelledOut = krippendorffAlpha(tabulate(ratings, { level: "ordinal", values: [1, 2, 3, 4, 5] }));
    expect(alphaEvaluator(ordinal2011, profiles)(weights).value).toBeCloseTo(spelledOut.value as number, 12);
  });

  it("is null with α's reason when α is undefined, and asks for at least 1,000 resamples", () => {
    const same = tabulate(
      ["a", "b", "c"].flatMap((item) => ["r", "s"].map((rater) => ({ item, rater, value: "yes" }))),
      { level: "nominal" },
    );
    const result = alphaWithInterval(same);
    expect([result.ci95, result.ci95Reason, result.probabilityBelowMinimum]).toEqual([null, "undefined: all values identical", null]);
    const single = alphaWithInterval(tabulate([{ item: "a", rater: "r", value: 1 }], { level: "interval" }));
    expect([single.ci95, single.ci95Reason]).toEqual([null, "undefined: fewer than two raters"]);
    expect(() => alphaWithInterval(ordinal2011, { resamples: 200 })).toThrow(/at least 1000/);
  });

  it("is null when α is undefined in too many resamples, rather than an interval of the lucky ones", () => {
    // One disagreeing item among twenty identical ones: a third of resamples miss it entirely.
    const ratings: Rating[] = Array.from({ length: 20 }, (_, i) => i).flatMap((i) => [
      { item: `i${i}`, rater: "r", value: "x" },
      { item: `i${i}`, rater: "s", value: i === 0 ? "y" : "x" },
    ]);
    const result = alphaWithInterval(tabulate(ratings, { level: "nominal" }), { seed: 2 });
    expect(result.alpha.value).not.toBeNull();
    expect(result.ci95).toBeNull();
    expect(result.ci95Reason).toMatch(/^undefined: α is undefined in \d+ of 1000 resamples/);
    expect(result.undefinedResamples).toBeGreaterThan(250);
  });

  it("resamples items for any statistic: the mean of 0/1 items, grouped by value, lands around the true share", () => {
    // 40 items, 10 of them 1: the statistic sees only how many draws fell in each group.
    const groupOf = Int32Array.from({ length: 40 }, (_, i) => (i < 10 ? 1 : 0));
    const share = (weights: Float64Array) => weights[1] / (weights[0] + weights[1]);
    const resampled = resampleItems(groupOf, 2, share, { seed: 5 });
    expect(resampled).toMatchObject({ resamples: 1000, seed: 5, undefinedResamples: 0 });
    const { ci95 } = percentileInterval(resampled, "the share");
    const [lo, hi] = ci95 as [number, number];
    // The normal approximation's 95% interval is 0.25 ± 1.96·√(0.25·0.75/40) = 0.116 … 0.384.
    expect(lo).toBeGreaterThan(0.08);
    expect(lo).toBeLessThan(0.16);
    expect(hi).toBeGreaterThan(0.34);
    expect(hi).toBeLessThan(0.42);
    expect(() => resampleItems(groupOf, 2, share, { resamples: 500 })).toThrow(RangeError);
  });
});
