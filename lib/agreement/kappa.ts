import type { ReliabilityData } from "./data";
import { type Stat, defined, undefinedBecause } from "./types";

// Cohen's κ for each pair of raters, over the items both rated. Categories are the declared
// ones, so a level neither rater used still widens the weights (R's irr::kappa2 takes the
// observed levels instead and disagrees with a rubric's declared scale).

/**
 * Disagreement weights v_ij between declared categories (0 on the diagonal): linear
 * |i − j| / (K − 1), quadratic (i − j)² / (K − 1)², or a K × K matrix of the caller's.
 */
export type KappaWeights = "linear" | "quadratic" | readonly (readonly number[])[];

export interface RaterPair {
  a: string;
  b: string;
  /** Items both raters rated. */
  n: number;
  kappa: Stat;
  weightedKappa?: Stat;
}

/** The ratings two raters gave the same items: xs[i] by the first, ys[i] by the second. */
export interface PairedCodes {
  xs: number[];
  ys: number[];
}

export function disagreementWeights(weights: KappaWeights, K: number): (i: number, j: number) => number {
  if (weights === "linear") return (i, j) => (K < 2 ? 0 : Math.abs(i - j) / (K - 1));
  if (weights === "quadratic") return (i, j) => (K < 2 ? 0 : (i - j) ** 2 / (K - 1) ** 2);
  if (weights.length !== K || weights.some((row) => row.length !== K))
    throw new RangeError(`the weight matrix must be ${K} × ${K}, one row and column per declared value`);
  return (i, j) => weights[i][j];
}

function marginals(codes: number[], K: number): Float64Array {
  const counts = new Float64Array(K);
  for (const c of codes) counts[c]++;
  return counts;
}

/** Unweighted κ = (p_o − p_e) / (1 − p_e). */
export function cohenKappa({ xs, ys }: PairedCodes, K: number): Stat {
  const n = xs.length;
  if (n === 0) return undefinedBecause("no item rated by both");
  const rows = marginals(xs, K);
  const columns = marginals(ys, K);
  let agree = 0;
  for (let i = 0; i < n; i++) if (xs[i] === ys[i]) agree++;
  let chance = 0;
  for (let c = 0; c < K; c++) chance += (rows[c] / n) * (columns[c] / n);
  if (chance >= 1) return undefinedBecause("all values identical");
  return defined((agree / n - chance) / (1 - chance));
}

/** Weighted κ_w = 1 − Σ v_ij p_ij / Σ v_ij p_i. p_.j (Cohen 1968), v the disagreement weights. */
export function weightedKappa({ xs, ys }: PairedCodes, K: number, weights: KappaWeights): Stat {
  const n = xs.length;
  if (n === 0) return undefinedBecause("no item rated by both");
  const v = disagreementWeights(weights, K);
  const rows = marginals(xs, K);
  const columns = marginals(ys, K);
  let observed = 0;
  for (let i = 0; i < n; i++) observed += v(xs[i], ys[i]);
  let expected = 0;
  for (let i = 0; i < K; i++) {
    if (rows[i] === 0) continue;
    for (let j = 0; j < K; j++) if (columns[j] !== 0) expected += v(i, j) * rows[i] * columns[j];
  }
  if (expected === 0) return undefinedBecause("all values identical");
  return defined(1 - observed / n / (expected / (n * n)));
}

/**
 * The codes each pair of raters gave the items both rated, keyed a·R + b (a before b in the
 * order raters first appear). Only pairs that share an item exist: a crowd of raters who
 * each saw a few items must not cost R² tables.
 */
export function pairedCodes(data: ReliabilityData): Map<number, PairedCodes> {
  const R = data.raters.length;
  const pairs = new Map<number, PairedCodes>();
  for (let item = 0; item < data.items.length; item++) {
    for (let j = data.itemStart[item]; j < data.itemStart[item + 1]; j++) {
      for (let l = j + 1; l < data.itemStart[item + 1]; l++) {
        const [first, second] = data.raterOf[j] < data.raterOf[l] ? [j, l] : [l, j];
        const key = data.raterOf[first] * R + data.raterOf[second];
        let pair = pairs.get(key);
        if (!pair) pairs.set(key, (pair = { xs: [], ys: [] }));
        pair.xs.push(data.codeOf[first]);
        pair.ys.push(data.codeOf[second]);
      }
    }
  }
  return pairs;
}

/** κ for every pair of raters; with `weights`, weighted κ as well. */
export function pairwiseKappa(data: ReliabilityData, options: { weights?: KappaWeights } = {}): RaterPair[] {
  const R = data.raters.length;
  const K = data.categories.length;
  return [...pairedCodes(data)]
    .sort(([x], [y]) => x - y)
    .map(([key, codes]) => ({
      a: data.raters[Math.floor(key / R)],
      b: data.raters[key % R],
      n: codes.xs.length,
      kappa: cohenKappa(codes, K),
      ...(options.weights ? { weightedKappa: weightedKappa(codes, K, options.weights) } : {}),
    }));
}
