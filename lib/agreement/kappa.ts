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

/** The K × K table of paired codes, flattened row by row: cell x·K + y counts the items coded x by the first rater and y by the second. */
export function contingency({ xs, ys }: PairedCodes, K: number): Float64Array {
  const table = new Float64Array(K * K);
  for (let i = 0; i < xs.length; i++) table[xs[i] * K + ys[i]]++;
  return table;
}

/**
 * κ from a contingency table (`contingency`), or weighted κ with `weights`. Counts may be any
 * non-negative weights: a bootstrap resample is a reweighted table, never a list of items.
 * Unweighted, κ = (p_o − p_e) / (1 − p_e); weighted, κ_w = 1 − Σ v_ij p_ij / Σ v_ij p_i. p_.j
 * (Cohen 1968), v the disagreement weights.
 */
export function tableKappa(table: ArrayLike<number>, K: number, weights?: KappaWeights): Stat {
  const rows = new Float64Array(K);
  const columns = new Float64Array(K);
  let n = 0;
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      const count = table[i * K + j];
      n += count;
      rows[i] += count;
      columns[j] += count;
    }
  }
  if (n === 0) return undefinedBecause("no item rated by both");
  if (!weights) {
    let agree = 0;
    let chance = 0;
    for (let c = 0; c < K; c++) {
      agree += table[c * K + c];
      chance += (rows[c] / n) * (columns[c] / n);
    }
    if (chance >= 1) return undefinedBecause("all values identical");
    return defined((agree / n - chance) / (1 - chance));
  }
  const v = disagreementWeights(weights, K);
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      if (table[i * K + j] !== 0) observed += v(i, j) * table[i * K + j];
      if (rows[i] !== 0 && columns[j] !== 0) expected += v(i, j) * rows[i] * columns[j];
    }
  }
  if (expected === 0) return undefinedBecause("all values identical");
  return defined(1 - observed / n / (expected / (n * n)));
}

/** Unweighted κ of paired codes on K declared values. */
export const cohenKappa = (codes: PairedCodes, K: number): Stat => tableKappa(contingency(codes, K), K);

/** Weighted κ of paired codes on K declared values. */
export const weightedKappa = (codes: PairedCodes, K: number, weights: KappaWeights): Stat => tableKappa(contingency(codes, K), K, weights);

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
