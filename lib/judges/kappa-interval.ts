import { type KappaWeights, type Stat, contingency, percentileInterval, resampleItems, tableKappa } from "@/lib/agreement";
import type { PairedCodes } from "@/lib/agreement/kappa";

// κ between a judge and the people, with the 95% interval of the agreement module's item
// bootstrap. An item's whole contribution is its cell of the K × K table (judge value, human
// value), so a resample is a reweighted table and κ is recomputed from it by the function
// that gives the point estimate: O(K²) a resample, whatever the number of items.

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

/** Cohen's κ (or weighted κ with `weights`) of paired codes on K declared values, with its bootstrap interval. */
export function kappaWithInterval(codes: PairedCodes, K: number, weights: KappaWeights | undefined, options: TResampling): TKappaInterval {
  const point = tableKappa(contingency(codes, K), K, weights);
  const groupOf = Int32Array.from(codes.xs, (x, i) => x * K + codes.ys[i]);
  const resampled = resampleItems(groupOf, K * K, (table) => tableKappa(table, K, weights).value, options);
  const base = { method: "item bootstrap, percentile" as const, resamples: resampled.resamples, seed: resampled.seed };
  if (point.value === null) return { ...point, ...base, ci95: null, ci95Reason: point.reason };
  return { ...point, ...base, ...percentileInterval(resampled, "κ") };
}
