import { describe, expect, it } from "vitest";
import { coincidenceMatrix, krippendorffAlpha } from "./alpha";
import { tabulate } from "./data";
import { csvFixture } from "./test-fixtures";
import type { DeclaredScale, Rating } from "./types";

const FIVE = [1, 2, 3, 4, 5];
const alphaOf = (ratings: Rating[], scale: DeclaredScale) => krippendorffAlpha(tabulate(ratings, scale));

describe("Krippendorff's α", () => {
  const c2011 = csvFixture("krippendorff-2011.csv");

  it("Krippendorff (2011), 4 observers × 12 units: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797", () => {
    expect(alphaOf(c2011, { level: "nominal" }).value).toBeCloseTo(0.743, 3);
    expect(alphaOf(c2011, { level: "ordinal", values: FIVE }).value).toBeCloseTo(0.815, 3);
    expect(alphaOf(c2011, { level: "interval" }).value).toBeCloseTo(0.849, 3);
    expect(alphaOf(c2011, { level: "ratio" }).value).toBeCloseTo(0.797, 3);
  });

  it("Krippendorff (2011): 40 pairable values (unit 12's single value left out), its coincidence matrix and D_o, D_e", () => {
    const data = tabulate(c2011, { level: "nominal", values: FIVE });
    const nominal = krippendorffAlpha(data);
    expect([nominal.pairable, nominal.pairableItems, nominal.singleRatingItems]).toEqual([40, 11, 1]);
    expect(nominal.observed).toBeCloseTo(0.2, 4);
    expect(nominal.expected).toBeCloseTo(0.7795, 4);
    const o = coincidenceMatrix(data);
    expect(o.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([9, 13, 10, 5, 3].map((n) => expect.closeTo(n, 9)));
    expect(o[0][1]).toBeCloseTo(4 / 3, 9);
    expect(o[4][4]).toBeCloseTo(3, 9);
    const ordinal = alphaOf(c2011, { level: "ordinal", values: FIVE });
    expect(ordinal.observed).toBeCloseTo(47.275, 3);
    expect(ordinal.expected).toBeCloseTo(256.08, 2);
  });

  it("Wikipedia's example (fast-krippendorff), 3 coders × 15 units: nominal 0.691, interval 0.811", () => {
    const wiki = csvFixture("wikipedia-krippendorff.csv");
    expect(alphaOf(wiki, { level: "nominal" }).value).toBeCloseTo(0.691358, 6);
    expect(alphaOf(wiki, { level: "interval" }).value).toBeCloseTo(0.810845, 6);
    expect(alphaOf(wiki, { level: "nominal" }).pairable).toBe(26);
  });

  it("ordinal α follows the declared order of string categories, not their alphabetical order", () => {
    const ratings: Rating[] = [
      ["i1", "low", "low"],
      ["i2", "low", "medium"],
      ["i3", "high", "high"],
      ["i4", "medium", "high"],
    ].flatMap(([item, a, b]) => [
      { item, rater: "A", value: a },
      { item, rater: "B", value: b },
    ]);
    // Marginals n_low = 3, n_medium = 2, n_high = 3; n.. = 8. Declared low < medium < high:
    //   δ²(low, medium) = (3 + 2 − (3 + 2)/2)² = 6.25, δ²(medium, high) = (2 + 3 − 5/2)² = 6.25,
    //   δ²(low, high) = (3 + 2 + 3 − (3 + 3)/2)² = 25.
    //   Σ o·δ² = 2·6.25 (i2) + 2·6.25 (i4) = 25; Σ n_c·n_k·δ² = 2(3·2·6.25 + 2·3·6.25 + 3·3·25) = 600;
    //   α = 1 − (n.. − 1)·25/600 = 1 − 175/600 = 0.708333.
    const declared = alphaOf(ratings, { level: "ordinal", values: ["low", "medium", "high"] });
    expect(declared.value).toBeCloseTo(1 - 175 / 600, 9);
    // Alphabetical (high < low < medium) would put medium and high at the two ends:
    //   δ²(medium, high) = (3 + 3 + 2 − (2 + 3)/2)² = 30.25, Σ o·δ² = 2·6.25 + 2·30.25 = 73, α = 1 − 7·73/600.
    const alphabetical = alphaOf(ratings, { level: "ordinal", values: ["high", "low", "medium"] });
    expect(alphabetical.value).toBeCloseTo(1 - 511 / 600, 9);
  });

  it("is null with a reason, never NaN or 0, for one rater, identical values and no pairable values", () => {
    const one = alphaOf(
      [
        { item: "a", rater: "r", value: 1 },
        { item: "b", rater: "r", value: 2 },
      ],
      { level: "nominal" },
    );
    expect([one.value, one.reason]).toEqual([null, "undefined: fewer than two raters"]);
    const same = alphaOf(
      ["a", "b"].flatMap((item) => ["r", "s"].map((rater) => ({ item, rater, value: 3 }))),
      { level: "ordinal", values: FIVE },
    );
    expect([same.value, same.reason]).toEqual([null, "undefined: all values identical"]);
    const apart = alphaOf(
      [
        { item: "a", rater: "r", value: 1 },
        { item: "b", rater: "s", value: 2 },
        { item: "c", rater: "s", value: null },
      ],
      { level: "interval" },
    );
    expect([apart.value, apart.reason, apart.singleRatingItems]).toEqual([null, "undefined: no item has two or more ratings", 2]);
    expect(alphaOf([], { level: "nominal" }).value).toBeNull();
  });

  it("rejects a value off the declared scale, a rating given twice and text at the interval level, naming the rating", () => {
    const off = () =>
      tabulate(
        [
          { item: "a", rater: "r", value: 1 },
          { item: "a", rater: "s", value: 6 },
        ],
        { level: "ordinal", values: FIVE },
      );
    expect(off).toThrow(expect.objectContaining({ name: "AgreementInputError", index: 1, message: '"6" is not one of the declared values' }));
    expect(() =>
      tabulate(
        [
          { item: "a", rater: "r", value: 1 },
          { item: "a", rater: "r", value: 2 },
        ],
        { level: "nominal" },
      ),
    ).toThrow(expect.objectContaining({ index: 1, firstIndex: 0, message: 'rater "r" rated item "a" twice' }));
    expect(() => tabulate([{ item: "a", rater: "r", value: "x" }], { level: "interval" })).toThrow(/needs numbers/);
  });
});
