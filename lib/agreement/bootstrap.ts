import { type AlphaResult, alphaEvaluator, buildProfiles, krippendorffAlpha } from "./alpha";
import type { ReliabilityData } from "./data";
import { multinomial } from "./multinomial";
import { mulberry32 } from "./random";
import { undefinedBecause } from "./types";

// The 95% interval of α by a percentile bootstrap over items: resample the pairable items
// with replacement and recompute α, D_o and D_e both, from the resampled coincidence matrix.
// A resample is drawn as how many items of each profile it holds (multinomial.ts), which is
// the same distribution as drawing the items one by one.
// Items, not raters and not single pairs of values, are what was sampled: the values of one
// item are rated together and are not independent, which Krippendorff's own resampling of
// pairable values ignores (Gwet shows it understates the error). See docs/agreement.md.

export const MIN_RESAMPLES = 1000;
export const DEFAULT_MINIMUM = 0.667;

export interface IntervalOptions {
  resamples?: number;
  seed?: number;
  /** The smallest acceptable α: the result says how likely α is below it. */
  minimum?: number;
}

export interface AlphaInterval {
  alpha: AlphaResult;
  ci95: [number, number] | null;
  ci95Reason?: string;
  method: "item bootstrap, percentile";
  resamples: number;
  seed: number;
  /** Resamples in which α is undefined (e.g. every resampled value identical); left out of the interval. */
  undefinedResamples: number;
  minimum: number;
  /** The share of resamples with α below `minimum` (Krippendorff's q). */
  probabilityBelowMinimum: number | null;
}

/** The p-quantile of sorted values, interpolating between neighbours (Hyndman–Fan type 7). */
function quantile(sorted: Float64Array, p: number): number {
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

export function alphaWithInterval(data: ReliabilityData, options: IntervalOptions = {}): AlphaInterval {
  const resamples = options.resamples ?? MIN_RESAMPLES;
  const seed = options.seed ?? 1;
  const minimum = options.minimum ?? DEFAULT_MINIMUM;
  // Fewer resamples leave under 25 values in each 2.5% tail, and the interval's ends wander.
  if (!Number.isInteger(resamples) || resamples < MIN_RESAMPLES) throw new RangeError(`resamples must be an integer of at least ${MIN_RESAMPLES}`);
  const profiles = buildProfiles(data);
  const evaluate = alphaEvaluator(data, profiles);
  const alpha = krippendorffAlpha(data, profiles);
  const base = { method: "item bootstrap, percentile" as const, resamples, seed, minimum };
  if (alpha.value === null) return { ...base, alpha, ci95: null, ci95Reason: alpha.reason, undefinedResamples: 0, probabilityBelowMinimum: null };

  const random = mulberry32(seed);
  const weights = new Float64Array(profiles.multiplicity.length);
  const values = new Float64Array(resamples);
  let defined = 0;
  let below = 0;
  for (let r = 0; r < resamples; r++) {
    multinomial(random, weights, profiles.multiplicity);
    const value = evaluate(weights).value;
    if (value === null) continue;
    values[defined++] = value;
    if (value < minimum) below++;
  }
  const undefinedResamples = resamples - defined;
  const probabilityBelowMinimum = defined > 0 ? below / defined : null;
  // When α is undefined in more than the 5% the interval leaves out, its ends say nothing.
  if (undefinedResamples > resamples * 0.05) {
    return {
      ...base,
      alpha,
      ci95: null,
      ci95Reason: undefinedBecause(`α is undefined in ${undefinedResamples} of ${resamples} resamples (too little variation)`).reason,
      undefinedResamples,
      probabilityBelowMinimum,
    };
  }
  const sorted = values.subarray(0, defined).sort();
  return { ...base, alpha, ci95: [quantile(sorted, 0.025), quantile(sorted, 0.975)], undefinedResamples, probabilityBelowMinimum };
}
