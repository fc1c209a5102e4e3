import type { Stat } from "@/lib/agreement";

// The figures of an ordered criterion that κ does not give: how the judge's values move with
// the people's (Spearman's ρ), how far off they are (mean absolute error), whether they lean
// one way (bias), and how often they land within one step. Inputs are paired: judge[i] and
// human[i] are one item's values as numbers on the criterion's scale.

/** Ranks 1…n, ties sharing the mean of the ranks they span (the "fractional" ranking). */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    start = end;
  }
  return ranks;
}

/** Pearson's r; null with a reason when either side does not vary. */
export function pearson(xs: readonly number[], ys: readonly number[]): Stat {
  const n = xs.length;
  if (n < 2) return { value: null, reason: "undefined: fewer than two items" };
  const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / n;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return { value: null, reason: "undefined: one side gave the same value to every item" };
  return { value: sxy / Math.sqrt(sxx * syy) };
}

/** Spearman's ρ: Pearson's r of the average ranks, which handles ties (the n(n² − 1) shortcut does not). */
export const spearman = (xs: readonly number[], ys: readonly number[]): Stat => pearson(averageRanks(xs), averageRanks(ys));

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/** Mean |judge − human|, in the scale's units. */
export const meanAbsoluteError = (judge: readonly number[], human: readonly number[]): number => mean(judge.map((j, i) => Math.abs(j - human[i])));

/** Judge mean − human mean: above 0, the judge is more generous than people. */
export const bias = (judge: readonly number[], human: readonly number[]): number => mean(judge) - mean(human);

/** The share of items whose positions on the declared order differ by at most one step. */
export const withinOne = (judge: readonly number[], human: readonly number[]): number =>
  judge.filter((j, i) => Math.abs(j - human[i]) <= 1).length / judge.length;
