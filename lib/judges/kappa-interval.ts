import { type KappaWeights, type Stat, cohenKappa, percentileInterval, resampleItems, weightedKappa } from "@/lib/agreement";
import type { PairedCodes } from "@/lib/agreement/kappa";

// κ between a judge and the people, with the 95% interval of the agreement module's item
// bootstrap. An item's whole contribution is its cell of the K × K table (judge value, human
// value), so a resample is a reweighted table and κ is recomputed from it by the same
// functions that give the point estimate.

export interface TKappaInterval extends Stat {
  ci95: [number, number] | null;
  ci95Reason?: string;
  method: "item bootstrap, percentile";
  resamples: number;
  seed: number;
}

export interface TResampling {
  resamples?: number;
  seed?: number;
}

/** The codes of a reweighted table: cell c = x·K + y repeated weights[c] times. */
function codesOf(weights: Float64Array, K: number): PairedCodes {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let cell = 0; cell < weights.length; cell++) {
    for (let w = 0; w < weights[cell]; w++) {
      xs.push(Math.floor(cell / K));
      ys.push(cell % K);
    }
  }
  return { xs, ys };
}

/** Cohen's κ (or weighted κ with `weights`) of paired codes on K declared values, with its bootstrap interval. */
export function kappaWithInterval(codes: PairedCodes, K: number, weights: KappaWeights | undefined, options: TResampling): TKappaInterval {
  const kappa = (c: PairedCodes) => (weights ? weightedKappa(c, K, weights) : cohenKappa(c, K));
  const point = kappa(codes);
  const groupOf = Int32Array.from(codes.xs, (x, i) => x * K + codes.ys[i]);
  const resampled = resampleItems(groupOf, K * K, (w) => kappa(codesOf(w, K)).value, options);
  const base = { method: "item bootstrap, percentile" as const, resamples: resampled.resamples, seed: resampled.seed };
  if (point.value === null) return { ...point, ...base, ci95: null, ci95Reason: point.reason };
  return { ...point, ...base, ...percentileInterval(resampled, "κ") };
}
