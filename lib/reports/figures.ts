import { AgreementInputError, type Rating, type Value, agreementSummary, multiAgreement, tabulate } from "@/lib/agreement";
import type { TJudgmentValue } from "@/lib/scores/codec";
import type { TCriterionReport } from "./answers";
import type { UnitLabel } from "./frame";
import { type CriterionRow, criterionScale, displayValue, withObservedNumbers } from "./scale";

// One criterion's figures from its labels: pure, so the report's arithmetic is tested without
// a database. Reproducible: the bootstrap's seed is fixed, so the same labels give the same
// interval on every request.

export const BOOTSTRAP = { resamples: 1000, seed: 1 } as const;

export type Thresholds = { tentative: number; reliable: number };

export function light(alpha: number | null, thresholds: Thresholds): TCriterionReport["light"] {
  if (alpha === null) return "undefined";
  return alpha >= thresholds.reliable ? "reliable" : alpha >= thresholds.tentative ? "tentative" : "unreliable";
}

function coverage(labels: readonly UnitLabel[]) {
  const perUnit = new Map<string, UnitLabel[]>();
  for (const label of labels) {
    const list = perUnit.get(label.unit);
    if (list) list.push(label);
    else perUnit.set(label.unit, [label]);
  }
  const pairable = [...perUnit].filter(([, list]) => list.length >= 2);
  return { perUnit, pairable, counts: { units: perUnit.size, unitsWithTwoOrMore: pairable.length, labels: labels.length } };
}

function distribution(labels: readonly UnitLabel[], multi: boolean) {
  const byRater = new Map<string, { rater: string; labels: number; values: Record<string, number> }>();
  for (const label of labels) {
    let row = byRater.get(label.rater);
    if (!row) byRater.set(label.rater, (row = { rater: label.rater, labels: 0, values: {} }));
    row.labels++;
    const value = label.judgment.value!;
    const keys = multi && Array.isArray(value) ? value : multi ? [] : [displayValue(value)];
    for (const key of keys) row.values[key] = (row.values[key] ?? 0) + 1;
  }
  return [...byRater.values()];
}

export function criterionFigures(criterion: CriterionRow, labels: readonly UnitLabel[], thresholds: Thresholds, withIds: boolean): TCriterionReport {
  const scale = criterionScale(criterion);
  const cover = coverage(labels);
  const basisLabels = cover.pairable.flatMap(([, list]) => list);
  const base = {
    criterionId: criterion.id,
    key: criterion.key,
    label: criterion.label,
    type: criterion.type,
    measurementLevel: criterion.measurementLevel,
    kind: scale.kind,
    coverage: cover.counts,
    basis: {
      units: cover.pairable.length,
      labels: basisLabels.length,
      ...(withIds ? { unitIds: cover.pairable.map(([unit]) => unit), labelIds: basisLabels.map((l) => l.id) } : {}),
    },
    distribution: distribution(labels, scale.kind === "multi"),
    summary: null,
    multi: null,
  };
  if (scale.kind === "none")
    return { ...base, light: "undefined", note: "Free text has no agreement coefficient: coverage only", summaryReason: "undefined: free text" };
  if (scale.kind === "multi") {
    const result = multiAgreement(
      labels.map((l) => ({ item: l.unit, rater: l.rater, value: l.judgment.value as string[] })),
      scale.options,
    );
    const multi = {
      perOption: result.perOption.map(({ option, alpha }) => ({
        option,
        alpha: alpha.value,
        ...(alpha.reason ? { alphaReason: alpha.reason } : {}),
        pairable: alpha.pairable,
      })),
      lowest: { option: result.lowest.option, alpha: result.lowest.value, ...(result.lowest.reason ? { alphaReason: result.lowest.reason } : {}) },
      pairs: result.pairs.map((p) => ({ a: p.a, b: p.b, n: p.n, jaccard: p.jaccard.value, ...(p.jaccard.reason ? { jaccardReason: p.jaccard.reason } : {}) })),
    };
    const note = `The criterion's figure is its lowest per-option α${result.lowest.option ? ` (option "${result.lowest.option}")` : ""}`;
    return { ...base, multi, light: light(result.lowest.value, thresholds), note, summaryReason: "multi-select: see per-option α" };
  }
  const ratings = inUnitOrder(cover.perUnit, scale.toValue);
  try {
    const data = tabulate(
      ratings,
      withObservedNumbers(
        scale.scale,
        ratings.map((r) => r.value).filter((v) => v !== null),
      ),
    );
    const summary = agreementSummary(data, { ...BOOTSTRAP, minimum: thresholds.tentative });
    const pairs = withIds ? summary.pairs.map((p) => ({ ...p, itemIds: sharedUnits(cover.perUnit, p.a, p.b) })) : summary.pairs;
    return { ...base, summary: { ...summary, pairs }, light: light(summary.alpha, thresholds), note: null };
  } catch (error) {
    if (!(error instanceof AgreementInputError)) throw error;
    return { ...base, light: "undefined", note: null, summaryReason: `undefined: ${error.message}` };
  }
}

/**
 * The ratings by unit, then rater, so the bootstrap's resamples (and the interval) do not depend
 * on the order rows were read in. A unit's few labels are sorted among themselves, not every
 * label against every other.
 */
function inUnitOrder(perUnit: Map<string, UnitLabel[]>, toValue: (value: TJudgmentValue) => Value | null): Rating[] {
  const ratings: Rating[] = [];
  const byRater = (x: UnitLabel, y: UnitLabel) => (x.rater < y.rater ? -1 : x.rater > y.rater ? 1 : 0);
  for (const unit of [...perUnit.keys()].sort()) {
    for (const l of perUnit.get(unit)!.slice().sort(byRater)) ratings.push({ item: unit, rater: l.rater, value: toValue(l.judgment.value!) });
  }
  return ratings;
}

function sharedUnits(perUnit: Map<string, UnitLabel[]>, a: string, b: string): string[] {
  const units: string[] = [];
  for (const [unit, list] of perUnit) if (list.some((l) => l.rater === a) && list.some((l) => l.rater === b)) units.push(unit);
  return units;
}
