import { describe, expect, it } from "vitest";
import { tabulate } from "./data";
import { type KappaWeights, cohenKappa, pairwiseKappa, tableKappa } from "./kappa";
import { fleissKappa, gwetAC1, percentAgreement } from "./multirater";
import { csvFixture, ratingsFromCounts, ratingsFromTable, tables } from "./test-fixtures";
import type { Rating } from "./types";

/** The one pair of a two-rater data set, on a declared scale of the table's size. */
function pairOf(ratings: Rating[], K: number, weights?: KappaWeights) {
  const data = tabulate(ratings, { level: "ordinal", values: Array.from({ length: K }, (_, i) => i + 1) });
  const [pair] = pairwiseKappa(data, weights ? { weights } : {});
  return pair;
}

describe("Cohen's κ", () => {
  it("Wikipedia's three 2×2 examples: 0.400, 0.130, 0.259", () => {
    const kappas = tables.wikipedia2x2.map((table: number[][]) => pairOf(ratingsFromTable(table), 2).kappa.value);
    expect(kappas).toEqual([expect.closeTo(0.4, 3), expect.closeTo(0.13, 3), expect.closeTo(0.259, 3)]);
  });

  it("Cohen (1968) table 1, N = 200: κ 0.492, and with its disagreement weights [[0,1,3],[1,0,6],[3,6,0]] κ_w 0.348", () => {
    const { counts, disagreementWeights } = tables.cohen1968;
    const pair = pairOf(ratingsFromTable(counts), 3, disagreementWeights);
    expect(pair.n).toBe(200);
    expect(pair.kappa.value).toBeCloseTo(0.492, 3);
    expect(pair.weightedKappa?.value).toBeCloseTo(0.348, 3);
  });

  it("SAS example [[0,4,1],[0,8,0],[0,1,5]], a first level one rater never used: κ 0.484, linear 0.470, quadratic 0.450", () => {
    const ratings = ratingsFromTable(tables.sas);
    expect(pairOf(ratings, 3).kappa.value).toBeCloseTo(0.4842, 4);
    expect(pairOf(ratings, 3, "linear").weightedKappa?.value).toBeCloseTo(0.4701, 4);
    expect(pairOf(ratings, 3, "quadratic").weightedKappa?.value).toBeCloseTo(0.4502, 4);
  });

  it("weights come from the declared scale: irr's anxiety data, raters 2 and 3 on 1–6 with 5 unused: linear 0.126, quadratic 0.230", () => {
    // R's irr::kappa2 builds its weights from the observed levels {1,2,3,4,6} and reports 0.146 and 0.252.
    const ratings = csvFixture("irr-anxiety.csv").filter((r) => r.rater !== "rater1");
    expect(pairOf(ratings, 6).kappa.value).toBeCloseTo(-0.006289, 6);
    expect(pairOf(ratings, 6, "linear").weightedKappa?.value).toBeCloseTo(0.126214, 6);
    expect(pairOf(ratings, 6, "quadratic").weightedKappa?.value).toBeCloseTo(0.229798, 6);
  });

  it("from a contingency table, with counts as weights: a table and its double give Wikipedia's κ 0.400, weighted too", () => {
    const table = tables.wikipedia2x2[0].flat();
    expect(tableKappa(table, 2).value).toBeCloseTo(0.4, 12);
    expect(
      tableKappa(
        table.map((c: number) => c * 2),
        2,
      ).value,
    ).toBeCloseTo(0.4, 12);
    const sas = tables.sas.flat();
    expect(tableKappa(sas, 3, "quadratic").value).toBeCloseTo(0.4502, 4);
    expect(
      tableKappa(
        sas.map((c: number) => c * 0.5),
        3,
        "quadratic",
      ).value,
    ).toBeCloseTo(0.4502, 4);
    expect(tableKappa(new Float64Array(4), 2)).toEqual({ value: null, reason: "undefined: no item rated by both" });
  });

  it("is null with a reason when two raters share no item or both gave one and the same value", () => {
    // A pair that shares no item is not listed at all (a crowd must not cost R² rows)…
    const ratings: Rating[] = [
      { item: "a", rater: "A", value: 1 },
      { item: "b", rater: "B", value: 2 },
      { item: "c", rater: "A", value: 1 },
      { item: "c", rater: "C", value: 1 },
    ];
    expect(pairwiseKappa(tabulate(ratings, { level: "nominal", values: [1, 2] })).map((p) => [p.a, p.b, p.n])).toEqual([["A", "C", 1]]);
    // …and asked directly, it says why.
    expect(cohenKappa({ xs: [], ys: [] }, 2)).toEqual({ value: null, reason: "undefined: no item rated by both" });
    const same = pairOf(
      ratingsFromTable([
        [0, 0],
        [0, 5],
      ]),
      2,
      "linear",
    );
    expect([same.kappa, same.weightedKappa]).toEqual([
      { value: null, reason: "undefined: all values identical" },
      { value: null, reason: "undefined: all values identical" },
    ]);
  });
});

describe("Fleiss' κ, Gwet's AC1 and percent agreement", () => {
  const fiveLevels = { level: "nominal" as const, values: [1, 2, 3, 4, 5] };

  it("Fleiss' κ on Wikipedia's 10 subjects × 14 raters: 0.210", () => {
    expect(fleissKappa(tabulate(ratingsFromCounts(tables.fleissWikipedia), fiveLevels)).value).toBeCloseTo(0.2099, 4);
  });

  it("Fleiss' κ on Fleiss (1971), 30 patients × 6 psychiatric diagnoses: 0.430", () => {
    expect(fleissKappa(tabulate(csvFixture("fleiss-1971-diagnoses.csv"), fiveLevels)).value).toBeCloseTo(0.4302445, 7);
  });

  it("Fleiss' κ is null with a reason when items have different numbers of ratings", () => {
    const ratings = csvFixture("krippendorff-2011.csv");
    expect(fleissKappa(tabulate(ratings, fiveLevels))).toEqual({ value: null, reason: "undefined: items have different numbers of ratings (1 to 4)" });
  });

  it("Gwet's AC1 on Wikipedia's first 2×2 table: 0.406, beside its percent agreement 0.70", () => {
    const data = tabulate(ratingsFromTable(tables.wikipedia2x2[0]), { level: "nominal", values: [1, 2] });
    expect(gwetAC1(data).value).toBeCloseTo(0.4059, 4);
    expect(percentAgreement(data).value).toBeCloseTo(0.7, 9);
  });

  it("percent agreement within one step of the declared order counts neighbours as agreeing", () => {
    // Items: (1,1) agree; (1,2) within one; (1,3) neither; (2,3,3): one agreeing pair of three, all three within one.
    const ratings: Rating[] = [
      { item: "a", rater: "A", value: 1 },
      { item: "a", rater: "B", value: 1 },
      { item: "b", rater: "A", value: 1 },
      { item: "b", rater: "B", value: 2 },
      { item: "c", rater: "A", value: 1 },
      { item: "c", rater: "B", value: 3 },
      { item: "d", rater: "A", value: 2 },
      { item: "d", rater: "B", value: 3 },
      { item: "d", rater: "C", value: 3 },
    ];
    const data = tabulate(ratings, { level: "ordinal", values: [1, 2, 3] });
    expect(percentAgreement(data).value).toBeCloseTo((1 + 0 + 0 + 1 / 3) / 4, 9);
    expect(percentAgreement(data, { withinOne: true }).value).toBeCloseTo((1 + 1 + 0 + 1) / 4, 9);
  });

  it("one rater gives null with a reason for every coefficient", () => {
    const data = tabulate([{ item: "a", rater: "A", value: 1 }], fiveLevels);
    for (const stat of [fleissKappa(data), gwetAC1(data), percentAgreement(data)])
      expect(stat).toEqual({ value: null, reason: "undefined: fewer than two raters" });
  });
});
