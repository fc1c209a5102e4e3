import { AgreementInputError, type GroupedRatings, type Value, agreementSummary, multiAgreement, tabulateGrouped } from "@/lib/agreement";
import type { TJudgmentValue } from "@/lib/scores/codec";
import type { TCriterionReport } from "./answers";
import type { CriterionRatings, QueueRatings } from "./frame";
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

/** A queue's labels with its unit and rater keys ranked once, as every criterion's figures sort them. */
export interface RankedRatings extends QueueRatings {
  unitRank: Int32Array;
  raterRank: Int32Array;
}

const rankOf = (keys: readonly string[]): Int32Array => {
  const rank = new Int32Array(keys.length);
  const order = keys.map((_, i) => i).sort((x, y) => (keys[x] < keys[y] ? -1 : keys[x] > keys[y] ? 1 : 0));
  order.forEach((index, position) => (rank[index] = position));
  return rank;
};

export const ranked = (ratings: QueueRatings): RankedRatings => ({ ...ratings, unitRank: rankOf(ratings.units), raterRank: rankOf(ratings.raters) });

/** A unit's labels (positions in the criterion's list), in the order read. */
function unitLabels(list: CriterionRatings, unit: number): number[] {
  const labels: number[] = [];
  for (let k = list.first[unit] ?? -1; k >= 0; k = list.next[k]) labels.push(k);
  return labels;
}

function coverage(list: CriterionRatings) {
  const size = new Map<number, number>();
  for (const unit of list.unit) size.set(unit, (size.get(unit) ?? 0) + 1);
  const pairable = list.unitsMet.filter((unit) => size.get(unit)! >= 2);
  const basisLabels = pairable.reduce((sum, unit) => sum + size.get(unit)!, 0);
  return { pairable, basisLabels, counts: { units: list.unitsMet.length, unitsWithTwoOrMore: pairable.length, labels: list.unit.length } };
}

function distribution(ratings: QueueRatings, list: CriterionRatings, multi: boolean) {
  const byRater = new Map<number, { rater: string; labels: number; values: Record<string, number> }>();
  // Numbers and strings repeat: each is shown once.
  const shown = new Map<unknown, string>();
  list.value.forEach((value, i) => {
    let row = byRater.get(list.rater[i]);
    if (!row) byRater.set(list.rater[i], (row = { rater: ratings.raters[list.rater[i]], labels: 0, values: {} }));
    row.labels++;
    if (multi) {
      if (Array.isArray(value)) for (const key of value) row.values[key] = (row.values[key] ?? 0) + 1;
      return;
    }
    let key = shown.get(value);
    if (key === undefined) {
      key = displayValue(value);
      if (typeof value !== "object") shown.set(value, key);
    }
    row.values[key] = (row.values[key] ?? 0) + 1;
  });
  return [...byRater.values()];
}

export function criterionFigures(criterion: CriterionRow, ratings: RankedRatings, thresholds: Thresholds, withIds: boolean): TCriterionReport {
  const list = ratings.byCriterion.get(criterion.id)!;
  const scale = criterionScale(criterion);
  const cover = coverage(list);
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
      labels: cover.basisLabels,
      ...(withIds
        ? {
            unitIds: cover.pairable.map((unit) => ratings.units[unit]),
            labelIds: cover.pairable.flatMap((unit) => unitLabels(list, unit).map((k) => list.id[k])),
          }
        : {}),
    },
    distribution: distribution(ratings, list, scale.kind === "multi"),
    summary: null,
    multi: null,
  };
  if (scale.kind === "none")
    return { ...base, light: "undefined", note: "Free text has no agreement coefficient: coverage only", summaryReason: "undefined: free text" };
  if (scale.kind === "multi") {
    const result = multiAgreement(
      list.value.map((value, i) => ({ item: ratings.units[list.unit[i]], rater: ratings.raters[list.rater[i]], value: value as string[] })),
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
  const grouped = inUnitOrder(ratings, list, scale.toValue);
  try {
    const data = tabulateGrouped(
      grouped,
      withObservedNumbers(
        scale.scale,
        grouped.values.filter((v) => v !== null),
      ),
    );
    const summary = agreementSummary(data, { ...BOOTSTRAP, minimum: thresholds.tentative });
    const pairs = withIds ? summary.pairs.map((p) => ({ ...p, itemIds: sharedUnits(ratings, list, p.a, p.b) })) : summary.pairs;
    return { ...base, summary: { ...summary, pairs }, light: light(summary.alpha, thresholds), note: null };
  } catch (error) {
    if (!(error instanceof AgreementInputError)) throw error;
    return { ...base, light: "undefined", note: null, summaryReason: `undefined: ${error.message}` };
  }
}

/**
 * The ratings by unit, then rater, so the bootstrap's resamples (and the interval) do not depend
 * on the order rows were read in. Keys are ranked once for the whole queue, and a unit's few
 * labels are sorted among themselves.
 */
function inUnitOrder(ratings: RankedRatings, list: CriterionRatings, toValue: (value: TJudgmentValue) => Value | null): GroupedRatings {
  const units = list.unitsMet.slice().sort((x, y) => ratings.unitRank[x] - ratings.unitRank[y]);
  const itemStart = new Int32Array(units.length + 1);
  const raterOf = new Int32Array(list.unit.length);
  const values: (Value | null)[] = new Array(list.unit.length);
  const byRater = (x: number, y: number) => ratings.raterRank[list.rater[x]] - ratings.raterRank[list.rater[y]];
  let at = 0;
  units.forEach((unit, i) => {
    for (const k of unitLabels(list, unit).sort(byRater)) {
      raterOf[at] = list.rater[k];
      values[at++] = toValue(list.value[k]);
    }
    itemStart[i + 1] = at;
  });
  return { items: units.map((unit) => ratings.units[unit]), itemStart, raters: ratings.raters, raterOf, values };
}

/** The units, as first met, that raters `a` and `b` (keys) both labelled. */
function sharedUnits(ratings: QueueRatings, list: CriterionRatings, a: string, b: string): string[] {
  const [ra, rb] = [ratings.raters.indexOf(a), ratings.raters.indexOf(b)];
  return list.unitsMet
    .filter((unit) => {
      const raters = unitLabels(list, unit).map((k) => list.rater[k]);
      return raters.includes(ra) && raters.includes(rb);
    })
    .map((unit) => ratings.units[unit]);
}
