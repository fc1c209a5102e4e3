import {
  type DeclaredScale,
  type Level,
  type ScaledCriterion,
  type Value,
  criterionScale,
  disagreementByItem,
  tabulate,
  withObservedNumbers,
} from "@/lib/agreement";
import { pairedCodes } from "@/lib/agreement/kappa";
import type { TJudgmentValue } from "@/lib/scores/codec";
import { JUDGE_RATER, type THumanCeiling, humanCeiling } from "./ceiling";
import { type TKappaInterval, type TResampling, kappaWithInterval } from "./kappa-interval";
import { bias, meanAbsoluteError, spearman, withinOne } from "./rank-stats";

// A judge held against people on one criterion: the items both rated, and how far the judge
// can be trusted there. Values are read through the criterion's declared scale (the
// agreement module's `criterionScale`), so orders and levels are the rubric's, never the
// values' own sort order. Under a minimum number of comparable items every figure is null
// with a reason: a κ of 12 items is noise, and 0 would read as a verdict.

export const DEFAULT_MINIMUM_ITEMS = 30;
export const DEFAULT_DISAGREEMENTS = 50;

export interface TComparisonInput extends TResampling {
  criterion: ScaledCriterion;
  /** The judge's result per item; null is a result without a value (an inconsistent pairwise verdict). */
  judge: readonly { item: string; value: TJudgmentValue | null }[];
  /** The human reference per item, as a policy picked it (`referenceValues`). */
  reference: readonly { item: string; value: TJudgmentValue }[];
  /** Each rater's own value per item (first revisions), for the human ceiling; omit to skip it. */
  ratings?: readonly { item: string; rater: string; value: TJudgmentValue }[];
  /** Items left out: the calibration examples of the judge version, which it has seen. */
  heldOut?: ReadonlySet<string>;
  minimumItems?: number;
  /** How many of the items where judge and people differ most to list (50 by default). */
  disagreements?: number;
}

export interface TPerClass {
  value: Value;
  /** Items people gave this value, and items the judge gave it. */
  human: number;
  judge: number;
  precision: number | null;
  recall: number | null;
}

export interface TOrderedFigures {
  /** On the declared values only (null for a continuous NUMERIC criterion). */
  quadraticKappa: TKappaInterval | null;
  spearman: { value: number | null; reason?: string };
  /** In the scale's units: steps of the declared order, or the numbers themselves for interval and ratio data. */
  meanAbsoluteError: number;
  /** Judge mean − human mean, in the same units. */
  bias: number;
  exactAgreement: number;
  /** Within one step of the declared order; null without declared values. */
  withinOne: number | null;
}

export interface TComparisonFigures {
  accuracy: number;
  kappa: TKappaInterval;
  /** Rows are the people's value, columns the judge's, both in the order of `values`; null without declared values. */
  confusion: { values: Value[]; matrix: number[][] } | null;
  perClass: TPerClass[] | null;
  ordered: TOrderedFigures | null;
  ceiling: THumanCeiling | null;
  /** The items where judge and people differ most, most first: the agreement module's per-item disagreement score (above 0 only). */
  disagreements: { item: string; judge: Value; human: Value; score: number }[];
}

export interface TComparison {
  level: Level;
  comparable: number;
  /** Items with a judge value and no human reference, and the reverse. */
  judgeOnly: number;
  humanOnly: number;
  /** Items with a reference where the judge gave a result without a value (inconsistent, or off the scale). */
  judgeWithoutValue: number;
  /** Items with both where the reference is on no rung of the scale (BOTH_BAD, or a choice without strength, in an ordinal preference). */
  referenceOffScale: number;
  /** Items left out because the judge version used them as calibration examples. */
  heldOutExcluded: number;
  minimumItems: number;
  figures: TComparisonFigures | null;
  reason?: string;
}

const byItem = <T>(rows: readonly { item: string; value: T }[], heldOut: ReadonlySet<string>) =>
  new Map(rows.filter((r) => !heldOut.has(r.item)).map((r) => [r.item, r.value]));

/** Judge and people on one criterion; throws AgreementInputError for a value off the criterion's scale. */
export function compareWithPeople(input: TComparisonInput): TComparison {
  const scaled = criterionScale(input.criterion);
  if (scaled.kind !== "coefficient") throw new RangeError("This criterion has no value a judge can be compared on");
  const heldOut = input.heldOut ?? new Set<string>();
  const minimumItems = input.minimumItems ?? DEFAULT_MINIMUM_ITEMS;
  const judge = byItem(input.judge, heldOut);
  const reference = byItem(input.reference, heldOut);
  const seen = new Set([...input.judge, ...input.reference].map((r) => r.item));
  const heldOutExcluded = [...heldOut].filter((item) => seen.has(item)).length;

  const judgeValues = new Map<string, Value>();
  const humanValues = new Map<string, Value>();
  let judgeWithoutValue = 0;
  let referenceOffScale = 0;
  for (const [item, value] of reference) {
    if (!judge.has(item)) continue;
    const human = scaled.toValue(value);
    if (human === null) {
      referenceOffScale++;
      continue;
    }
    const own = judge.get(item);
    const mapped = own === null || own === undefined ? null : scaled.toValue(own);
    if (mapped === null) judgeWithoutValue++;
    else {
      judgeValues.set(item, mapped);
      humanValues.set(item, human);
    }
  }
  const comparable = judgeValues.size;
  const counts = {
    level: scaled.level,
    comparable,
    judgeOnly: [...judge.keys()].filter((item) => !reference.has(item)).length,
    humanOnly: [...reference.keys()].filter((item) => !judge.has(item)).length,
    judgeWithoutValue,
    referenceOffScale,
    heldOutExcluded,
    minimumItems,
  };
  if (comparable < minimumItems)
    return { ...counts, figures: null, reason: `insufficient data: ${comparable} comparable items, at least ${minimumItems} needed` };

  const declared = (scaled.scale.values?.length ?? 0) > 0;
  const ratings = (input.ratings ?? []).map((r) => ({ item: r.item, rater: r.rater, value: scaled.toValue(r.value) })).filter(hasValue);
  const scale = withObservedNumbers(scaled.scale, [...judgeValues.values(), ...humanValues.values(), ...ratings.map((r) => r.value)]);
  return { ...counts, figures: figuresOf(scale, declared, judgeValues, humanValues, input.ratings ? ratings : null, input) };
}

function figuresOf(
  scale: DeclaredScale,
  declared: boolean,
  judge: Map<string, Value>,
  human: Map<string, Value>,
  ratings: { item: string; rater: string; value: Value }[] | null,
  input: TResampling & { disagreements?: number },
): TComparisonFigures {
  const items = [...judge.keys()];
  // The judge is listed first, so in the one pair of codes xs are the judge's and ys the people's.
  const data = tabulate(
    items.flatMap((item) => [
      { item, rater: JUDGE_RATER, value: judge.get(item) as Value },
      { item, rater: "reference", value: human.get(item) as Value },
    ]),
    scale,
  );
  const [codes] = pairedCodes(data).values();
  const K = data.categories.length;
  const n = codes.xs.length;
  const agree = codes.xs.filter((x, i) => x === codes.ys[i]).length;
  const options = { resamples: input.resamples, seed: input.seed };
  const matrix = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  codes.xs.forEach((x, i) => matrix[codes.ys[i]][x]++);

  const toNumber = (code: number) => data.magnitudes[code];
  const judgeNumbers = codes.xs.map(toNumber);
  const humanNumbers = codes.ys.map(toNumber);
  const ordered: TOrderedFigures | null =
    scale.level === "nominal"
      ? null
      : {
          quadraticKappa: declared ? kappaWithInterval(codes, K, "quadratic", options) : null,
          spearman: spearman(judgeNumbers, humanNumbers),
          meanAbsoluteError: meanAbsoluteError(judgeNumbers, humanNumbers),
          bias: bias(judgeNumbers, humanNumbers),
          exactAgreement: agree / n,
          withinOne: declared ? withinOne(codes.xs, codes.ys) : null,
        };

  const ceiling = ratings ? humanCeiling(scale, new Set(items), judge, ratings) : null;

  return {
    accuracy: agree / n,
    kappa: kappaWithInterval(codes, K, undefined, options),
    confusion: declared ? { values: data.categories, matrix } : null,
    perClass: declared ? perClass(data.categories, matrix) : null,
    ordered,
    ceiling,
    disagreements: disagreementByItem(data)
      .filter((d) => d.score > 0)
      .slice(0, input.disagreements ?? DEFAULT_DISAGREEMENTS)
      .map(({ item, score }) => ({ item, judge: judge.get(item) as Value, human: human.get(item) as Value, score })),
  };
}

const hasValue = <T extends { value: Value | null }>(row: T): row is T & { value: Value } => row.value !== null;

/** Precision (of the judge's calls of a value) and recall (of the people's), per declared value. */
export function perClass(values: readonly Value[], matrix: readonly (readonly number[])[]): TPerClass[] {
  return values.map((value, c) => {
    const human = matrix[c].reduce((s, v) => s + v, 0);
    const judge = matrix.reduce((s, row) => s + row[c], 0);
    const hits = matrix[c][c];
    return { value, human, judge, precision: judge === 0 ? null : hits / judge, recall: human === 0 ? null : hits / human };
  });
}
