import { describe, expect, it } from "vitest";
import { type ScaledCriterion, cohenKappa } from "@/lib/agreement";
import { csvFixture, ratingsFromTable, tables } from "@/lib/agreement/test-fixtures";
import type { TJudgmentValue } from "@/lib/scores/codec";
import { type TComparisonInput, compareWithPeople } from "./compare";
import { combineOrders, verdictValue } from "./pairwise";

const binary: ScaledCriterion = { type: "BINARY", measurementLevel: "NOMINAL", config: {} };
const scale = (values: number[]): ScaledCriterion => ({
  type: "SCALE",
  measurementLevel: "ORDINAL",
  config: { levels: values.map((value) => ({ value })) },
});

/** A two-rater table as a judge (rows, rater A) and a reference (columns, rater B). */
function fromTable(table: number[][], values: TJudgmentValue[]): Pick<TComparisonInput, "judge" | "reference"> {
  const ratings = ratingsFromTable(table, values as (string | number)[]);
  const rows = (rater: string) => ratings.filter((r) => r.rater === rater).map((r) => ({ item: r.item, value: values.find((v) => v === r.value) ?? null }));
  return { judge: rows("A"), reference: rows("B") as { item: string; value: TJudgmentValue }[] };
}

function figuresOf(input: TComparisonInput) {
  const result = compareWithPeople(input);
  if (!result.figures) throw new Error(result.reason);
  return { ...result, figures: result.figures };
}

describe("a judge held against people: nominal figures", () => {
  // Wikipedia's Cohen's kappa example: 50 grant proposals, yes/yes 20, yes/no 5, no/yes 10, no/no 15.
  const wikipedia = fromTable(tables.wikipedia2x2[0], [true, false]);

  it("Wikipedia's Cohen's κ example (50 proposals): accuracy 0.70, κ 0.40 with a seeded bootstrap interval around it", () => {
    const { comparable, figures } = figuresOf({ criterion: binary, ...wikipedia, seed: 3 });
    expect(comparable).toBe(50);
    expect(figures.accuracy).toBeCloseTo(0.7, 12);
    expect(figures.kappa.value).toBeCloseTo(0.4, 12);
    expect(figures.kappa).toMatchObject({ method: "item bootstrap, percentile", resamples: 1000, seed: 3 });
    const [lo, hi] = figures.kappa.ci95 as [number, number];
    expect(lo).toBeLessThan(0.4);
    expect(hi).toBeGreaterThan(0.4);
    expect(hi - lo).toBeGreaterThan(0.2);
    expect(hi - lo).toBeLessThan(0.7);
    // The same data and seed give the same interval.
    expect(figuresOf({ criterion: binary, ...wikipedia, seed: 3 }).figures.kappa.ci95).toEqual(figures.kappa.ci95);
    expect(figures.ordered).toBeNull();
  });

  it("the same table's confusion matrix and per-class figures, by hand: precision(yes) 20/25, recall(yes) 20/30, precision(no) 15/25, recall(no) 15/20", () => {
    const { figures } = figuresOf({ criterion: binary, ...wikipedia });
    // Rows are the people's value, columns the judge's, in the declared order false, true.
    expect(figures.confusion).toEqual({
      values: ["false", "true"],
      matrix: [
        [15, 5],
        [10, 20],
      ],
    });
    expect(figures.perClass).toEqual([
      { value: "false", human: 20, judge: 25, precision: 15 / 25, recall: 15 / 20 },
      { value: "true", human: 30, judge: 25, precision: 20 / 25, recall: 20 / 30 },
    ]);
  });

  it("Wikipedia's other two tables: κ 0.130 and 0.259", () => {
    const kappas = tables.wikipedia2x2.slice(1).map((t: number[][]) => figuresOf({ criterion: binary, ...fromTable(t, [true, false]) }).figures.kappa.value);
    expect(kappas).toEqual([expect.closeTo(0.1304, 4), expect.closeTo(0.2593, 4)]);
  });

  it("refuses fewer than 1,000 resamples", () => {
    expect(() => compareWithPeople({ criterion: binary, ...wikipedia, resamples: 999 })).toThrow(RangeError);
  });
});

describe("a judge held against people: ordered figures", () => {
  // SAS PROC FREQ's example (statsmodels' test_inter_rater.py table10), 19 items on levels 1–3.
  const sas = fromTable(tables.sas, [1, 2, 3]);

  it("SAS PROC FREQ's 3×3 example: κ 0.4842 and quadratic-weighted κ 0.4502 on the declared 1–3 scale", () => {
    const { figures } = figuresOf({ criterion: scale([1, 2, 3]), ...sas, minimumItems: 19 });
    expect(figures.kappa.value).toBeCloseTo(0.4842, 4);
    expect(figures.ordered?.quadraticKappa?.value).toBeCloseTo(0.4502, 4);
    expect(figures.ordered?.quadraticKappa?.ci95).toHaveLength(2);
  });

  it("the same table's error, bias and agreement by hand: MAE 7/19, bias (39 − 44)/19, exact 13/19, within one 18/19", () => {
    // Off the diagonal: 4 items judged 1 rated 2, 1 judged 1 rated 3, 1 judged 3 rated 2.
    const ordered = figuresOf({ criterion: scale([1, 2, 3]), ...sas, minimumItems: 19 }).figures.ordered;
    expect(ordered?.meanAbsoluteError).toBeCloseTo(7 / 19, 12);
    expect(ordered?.bias).toBeCloseTo((39 - 44) / 19, 12);
    expect(ordered?.exactAgreement).toBeCloseTo(13 / 19, 12);
    expect(ordered?.withinOne).toBeCloseTo(18 / 19, 12);
    expect(ordered?.spearman.value).toBeGreaterThan(0);
  });

  it("lists the items where judge and people differ most, by Krippendorff's ordinal distance: 1 against 3, then 3 against 2, then 1 against 2", () => {
    // With marginals 5, 21, 12 the rank distance of 2–3 is ((21 + 12)/2)² = 272.25, of 1–2 ((5 + 21)/2)² = 169.
    const { disagreements } = figuresOf({ criterion: scale([1, 2, 3]), ...sas, minimumItems: 19, disagreements: 3 }).figures;
    expect(disagreements.map((d) => [d.judge, d.human])).toEqual([
      [1, 3],
      [3, 2],
      [1, 2],
    ]);
    expect(disagreements[0].score).toBeGreaterThan(disagreements[1].score);
    const all = figuresOf({ criterion: scale([1, 2, 3]), ...sas, minimumItems: 19 }).figures.disagreements;
    expect(all).toHaveLength(6);
  });

  it("weights come from the declared scale: a level nobody used between two others still counts as a step", () => {
    // The same table on levels 1, 2, 4 of a declared 1–4 scale: unweighted κ is unchanged, the weighted one is not.
    const gap = fromTable(tables.sas, [1, 2, 4]);
    const declared = figuresOf({ criterion: scale([1, 2, 3, 4]), ...gap, minimumItems: 19 }).figures;
    expect(declared.confusion?.values).toEqual([1, 2, 3, 4]);
    expect(declared.kappa.value).toBeCloseTo(0.4842, 4);
    expect(declared.ordered?.quadraticKappa?.value).not.toBeCloseTo(0.4502, 3);
    expect(declared.ordered?.withinOne).toBeCloseTo(17 / 19, 12);
  });

  it("a continuous NUMERIC criterion: error and bias in its units, no confusion matrix or weighted κ", () => {
    const numeric: ScaledCriterion = { type: "NUMERIC", measurementLevel: "INTERVAL", config: { min: 0, max: 100, step: null, unit: "" } };
    const items = Array.from({ length: 30 }, (_, i) => `t${i}`);
    const { figures } = figuresOf({
      criterion: numeric,
      judge: items.map((item, i) => ({ item, value: i + 2 })),
      reference: items.map((item, i) => ({ item, value: i })),
    });
    expect(figures.confusion).toBeNull();
    expect(figures.perClass).toBeNull();
    expect(figures.ordered).toMatchObject({ quadraticKappa: null, meanAbsoluteError: 2, bias: 2, exactAgreement: 0, withinOne: null, spearman: { value: 1 } });
  });
});

describe("what is comparable", () => {
  const items = (n: number, prefix = "i") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

  it("is null with 'insufficient data' under the minimum (30 by default), with the counts still given", () => {
    const ids = items(29);
    const result = compareWithPeople({
      criterion: binary,
      judge: ids.map((item, i) => ({ item, value: i % 2 === 0 })),
      reference: ids.map((item) => ({ item, value: true })),
    });
    expect(result).toEqual({
      level: "nominal",
      comparable: 29,
      judgeOnly: 0,
      humanOnly: 0,
      judgeWithoutValue: 0,
      referenceOffScale: 0,
      heldOutExcluded: 0,
      minimumItems: 30,
      figures: null,
      reason: "insufficient data: 29 comparable items, at least 30 needed",
    });
  });

  it("counts the items only the judge or only people rated, results without a value, and the held-out calibration examples", () => {
    const both = items(30);
    const result = compareWithPeople({
      criterion: binary,
      judge: [...both, "j1", "j2", "x1"].map((item) => ({ item, value: item === "x1" ? null : true })),
      reference: [...both, "h1", "x1", "cal"].map((item) => ({ item, value: true })),
      heldOut: new Set(["i0", "cal", "never-seen"]),
      minimumItems: 29,
    });
    expect(result).toMatchObject({ comparable: 29, judgeOnly: 2, humanOnly: 1, judgeWithoutValue: 1, heldOutExcluded: 2 });
    // Everyone said true: κ is undefined and says why, accuracy is 1.
    expect(result.figures?.accuracy).toBe(1);
    expect(result.figures?.kappa).toMatchObject({ value: null, reason: "undefined: all values identical", ci95: null });
  });

  it("takes a pairwise judge's inconsistent verdicts as results without a side, not as comparable items", () => {
    const criterion: ScaledCriterion = { type: "PREFERENCE", measurementLevel: "NOMINAL", config: { allowTie: true, allowBothBad: false } };
    const ids = items(32);
    const judge = ids.map((item, i) => ({ item, value: verdictValue(i < 2 ? combineOrders("A", "A") : combineOrders("A", "B")) }));
    const result = compareWithPeople({ criterion, judge, reference: ids.map((item, i) => ({ item, value: i % 4 === 0 ? "B" : "A" })) });
    expect(result).toMatchObject({ comparable: 30, judgeWithoutValue: 2 });
    expect(result.figures?.accuracy).toBeCloseTo(23 / 30, 12);
  });

  it("reads an ordinal preference on its ladder: strengths are rungs, 'both bad' is on none", () => {
    const criterion: ScaledCriterion = { type: "PREFERENCE", measurementLevel: "ORDINAL", config: { allowTie: true, allowBothBad: true, strength: true } };
    const ids = items(31);
    const judge = ids.map((item) => ({ item, value: verdictValue(combineOrders({ choice: "A", strength: 3 }, { choice: "B", strength: 2 })) }));
    const reference = ids.map((item, i) => ({
      item,
      value: i === 0 ? { choice: "BOTH_BAD" as const, strength: null } : { choice: "A" as const, strength: i % 2 ? 2 : 1 },
    }));
    const result = compareWithPeople({ criterion, judge, reference });
    expect(result).toMatchObject({ level: "ordinal", comparable: 30, referenceOffScale: 1 });
    // The judge says A2 (the weaker strength of its two orders); people say A2 fifteen times and A1 fifteen times.
    expect(result.figures?.accuracy).toBe(0.5);
    expect(result.figures?.ordered).toMatchObject({ bias: 0.5, meanAbsoluteError: 0.5, withinOne: 1 });
  });
});

describe("the human ceiling", () => {
  it("irr's anxiety data (20 subjects, raters 1–3 on 1–6): rater 1 as the judge against raters 2 and 3, who reach κ −0.0063 with each other", () => {
    const anxiety = csvFixture("irr-anxiety.csv") as { item: string; rater: string; value: number }[];
    const of = (rater: string) => anxiety.filter((r) => r.rater === rater);
    const { figures } = figuresOf({
      criterion: scale([1, 2, 3, 4, 5, 6]),
      judge: of("rater1"),
      reference: of("rater2"),
      ratings: [...of("rater2"), ...of("rater3")],
      minimumItems: 20,
    });
    const ceiling = figures.ceiling;
    expect(ceiling?.raters).toEqual({ meanKappa: expect.closeTo(-0.006289, 6), pairs: 1, undefinedPairs: 0 });
    // The judge's side is the mean of its κ with each rater, each over the items both rated.
    const codes = (rater: string) => of(rater).map((r) => r.value - 1);
    const expected = [cohenKappa({ xs: codes("rater1"), ys: codes("rater2") }, 6), cohenKappa({ xs: codes("rater1"), ys: codes("rater3") }, 6)];
    expect(ceiling?.judge.pairs).toBe(2);
    expect(ceiling?.judge.meanKappa).toBeCloseTo(((expected[0].value as number) + (expected[1].value as number)) / 2, 12);
    expect(ceiling?.detail.map((p) => [p.a, p.b, p.n])).toEqual([
      ["judge", "rater2", 20],
      ["judge", "rater3", 20],
      ["rater2", "rater3", 20],
    ]);
    // The judge's κ against the reference rater is the headline κ.
    expect(ceiling?.detail[0].kappa).toBeCloseTo(figures.kappa.value as number, 12);
  });

  it("is taken on the comparable items only, like for like", () => {
    const ids = Array.from({ length: 30 }, (_, i) => `i${i}`);
    const { figures } = figuresOf({
      criterion: binary,
      judge: ids.map((item, i) => ({ item, value: i % 3 === 0 })),
      reference: ids.map((item, i) => ({ item, value: i % 3 === 0 })),
      ratings: [...ids, "elsewhere"].flatMap((item, i) => [
        { item, rater: "ann", value: i % 3 === 0 },
        { item, rater: "bob", value: i % 2 === 0 },
      ]),
    });
    expect(figures.ceiling?.detail.map((p) => p.n)).toEqual([30, 30, 30]);
    expect(figures.ceiling?.detail[0]).toMatchObject({ a: "judge", b: "ann", kappa: 1 });
  });
});
