import { type AlphaResult, alphaEvaluator, buildProfiles, krippendorffAlpha } from "./alpha";
import type { ReliabilityData } from "./data";
import { multinomial } from "./multinomial";
import { mulberry32 } from "./random";
import { undefinedBecause } from "./types";

// The 95% interval of α by a percentile bootstrap over items: resample the pairable items
// with replacement and recompute α, D_o and D_e both, from the resampled coincidence matrix.
// A resample is drawn as how many items of each group it holds (multinomial.ts), which is
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

function checkedResamples(resamples = MIN_RESAMPLES): number {
  // Fewer resamples leave under 25 values in each 2.5% tail, and the interval's ends wander.
  if (!Number.isInteger(resamples) || resamples < MIN_RESAMPLES) throw new RangeError(`resamples must be an integer of at least ${MIN_RESAMPLES}`);
  return resamples;
}

export interface Resampled {
  /** The statistic in each resample where it is defined, sorted ascending. */
  sorted: Float64Array;
  /** Resamples in which the statistic is undefined. */
  undefinedResamples: number;
}

/**
 * Resamples items with replacement `resamples` times and evaluates `statistic` on each. Items
 * that are alike are grouped (`groupOf[item]` is its group), and a resample is handed over as
 * the count of draws that fell in each group, so a statistic is a sum over groups, never a pass
 * over the items. Any statistic of the items, α or κ, goes through this one resampler.
 */
export function resampleItems(
  groupOf: Int32Array,
  groups: number,
  statistic: (weights: Float64Array) => number | null,
  options: { resamples?: number; seed?: number } = {},
): Resampled & { resamples: number; seed: number } {
  const resamples = checkedResamples(options.resamples);
  const seed = options.seed ?? 1;
  const random = mulberry32(seed);
  const sizes = new Float64Array(groups);
  for (let item = 0; item < groupOf.length; item++) sizes[groupOf[item]]++;
  const weights = new Float64Array(groups);
  const values = new Float64Array(resamples);
  let defined = 0;
  for (let r = 0; r < resamples; r++) {
    multinomial(random, weights, sizes);
    const value = statistic(weights);
    if (value !== null) values[defined++] = value;
  }
  return { sorted: values.subarray(0, defined).sort(), undefinedResamples: resamples - defined, resamples, seed };
}

/** The 95% percentile interval of resampled values, or null with the reason it says nothing. */
export function percentileInterval({ sorted, undefinedResamples }: Resampled, what: string): { ci95: [number, number] | null; ci95Reason?: string } {
  const resamples = sorted.length + undefinedResamples;
  // When the statistic is undefined in more than the 5% the interval leaves out, its ends say nothing.
  if (undefinedResamples > resamples * 0.05 || sorted.length === 0)
    return {
      ci95: null,
      ci95Reason: undefinedBecause(`${what} is undefined in ${undefinedResamples} of ${resamples} resamples (too little variation)`).reason,
    };
  return { ci95: [quantile(sorted, 0.025), quantile(sorted, 0.975)] };
}

export function alphaWithInterval(data: ReliabilityData, options: IntervalOptions = {}): AlphaInterval {
  const minimum = options.minimum ?? DEFAULT_MINIMUM;
  const profiles = buildProfiles(data);
  const evaluate = alphaEvaluator(data, profiles);
  const alpha = krippendorffAlpha(data, profiles);
  if (alpha.value === null) {
    const base = { method: "item bootstrap, percentile" as const, resamples: checkedResamples(options.resamples), seed: options.seed ?? 1, minimum };
    return { ...base, alpha, ci95: null, ci95Reason: alpha.reason, undefinedResamples: 0, probabilityBelowMinimum: null };
  }
  const resampled = resampleItems(profiles.profileOfItem, profiles.multiplicity.length, (weights) => evaluate(weights).value, options);
  const { resamples, seed, sorted, undefinedResamples } = resampled;
  let below = 0;
  while (below < sorted.length && sorted[below] < minimum) below++;
  const probabilityBelowMinimum = sorted.length > 0 ? below / sorted.length : null;
  return {
    method: "item bootstrap, percentile",
    resamples,
    seed,
    minimum,
    alpha,
    ...percentileInterval(resampled, "α"),
    undefinedResamples,
    probabilityBelowMinimum,
  };
}
