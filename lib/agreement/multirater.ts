import { type ReliabilityData, itemCounts } from "./data";
import { type Stat, defined, undefinedBecause } from "./types";

// Coefficients over all raters at once: Fleiss' κ, Gwet's AC1 and percent agreement. They
// read each item's category counts; an item's raters are exchangeable here.

function forEachItem(data: ReliabilityData, visit: (codes: number[], counts: number[], size: number) => void) {
  for (let item = 0; item < data.items.length; item++) {
    const size = data.itemStart[item + 1] - data.itemStart[item];
    if (size === 0) continue;
    const { codes, counts } = itemCounts(data, item);
    visit(codes, counts, size);
  }
}

/** Share of agreeing pairs among an item's m(m − 1)/2 pairs of ratings. */
function itemAgreement(counts: number[], size: number): number {
  let agreeing = 0;
  for (const n of counts) agreeing += n * (n - 1);
  return agreeing / (size * (size - 1));
}

/**
 * Fleiss (1971) κ. It assumes every item has the same number of ratings r; where they
 * differ it is undefined (Krippendorff's α is not).
 */
export function fleissKappa(data: ReliabilityData): Stat {
  if (data.raters.length < 2) return undefinedBecause("fewer than two raters");
  const K = data.categories.length;
  const totals = new Float64Array(K);
  const sizes = new Set<number>();
  let items = 0;
  let agreement = 0;
  forEachItem(data, (codes, counts, size) => {
    sizes.add(size);
    items++;
    if (size > 1) agreement += itemAgreement(counts, size);
    codes.forEach((c, i) => (totals[c] += counts[i]));
  });
  if (sizes.size > 1) return undefinedBecause(`items have different numbers of ratings (${Math.min(...sizes)} to ${Math.max(...sizes)})`);
  const r = [...sizes][0] ?? 0;
  if (r < 2) return undefinedBecause("no item has two or more ratings");
  let chance = 0;
  for (const total of totals) chance += (total / (items * r)) ** 2;
  if (chance >= 1) return undefinedBecause("all values identical");
  return defined((agreement / items - chance) / (1 - chance));
}

/**
 * Gwet's AC1 (Gwet 2008), for any number of raters and missing ratings: observed agreement
 * over items with two or more ratings, chance agreement Σ π_k (1 − π_k) / (K − 1) with π_k
 * each category's mean share of an item's ratings and K the declared categories. It stays
 * stable when one category dominates, where κ collapses; with no variation at all it is 1.
 */
export function gwetAC1(data: ReliabilityData): Stat {
  if (data.raters.length < 2) return undefinedBecause("fewer than two raters");
  const K = data.categories.length;
  if (K < 2) return undefinedBecause("fewer than two declared values");
  const shares = new Float64Array(K);
  let rated = 0;
  let pairable = 0;
  let agreement = 0;
  forEachItem(data, (codes, counts, size) => {
    rated++;
    codes.forEach((c, i) => (shares[c] += counts[i] / size));
    if (size > 1) {
      pairable++;
      agreement += itemAgreement(counts, size);
    }
  });
  if (pairable === 0) return undefinedBecause("no item has two or more ratings");
  let chance = 0;
  for (const share of shares) chance += (share / rated) * (1 - share / rated);
  chance /= K - 1;
  return defined((agreement / pairable - chance) / (1 - chance));
}

/**
 * Percent agreement: the mean over items with two or more ratings of the share of agreeing
 * pairs of ratings. `withinOne` counts a pair as agreeing when the values are at most one
 * step apart on the declared order (for ordinal scales).
 */
export function percentAgreement(data: ReliabilityData, options: { withinOne?: boolean } = {}): Stat {
  if (data.raters.length < 2) return undefinedBecause("fewer than two raters");
  let items = 0;
  let sum = 0;
  forEachItem(data, (codes, counts, size) => {
    if (size < 2) return;
    items++;
    let agreeing = 0;
    for (let a = 0; a < codes.length; a++) {
      agreeing += counts[a] * (counts[a] - 1);
      if (!options.withinOne) continue;
      for (let b = 0; b < codes.length; b++) if (Math.abs(codes[a] - codes[b]) === 1) agreeing += counts[a] * counts[b];
    }
    sum += agreeing / (size * (size - 1));
  });
  if (items === 0) return undefinedBecause("no item has two or more ratings");
  return defined(sum / items);
}
