import { type ReliabilityData, itemCounts } from "./data";
import { type Stat, undefinedBecause } from "./types";

// Krippendorff's α by the coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
// Alpha-Reliability"). An item's contribution to the matrix depends only on how many of its
// ratings fall in each category, so items with the same counts ("profiles") are stored once
// with a multiplicity. α of any reweighting of the items (the bootstrap's resamples) is then
// a sum over profiles, never a pass over the ratings.

export interface AlphaResult extends Stat {
  /** D_o and D_e; null where α is undefined. */
  observed: number | null;
  expected: number | null;
  /** n.., the values in items with two or more ratings. */
  pairable: number;
  pairableItems: number;
  /** Items with exactly one rating: they cannot be compared, so α leaves them out. */
  singleRatingItems: number;
}

export interface Profiles {
  /** Category counts of profile p: code[start[p] … start[p + 1] − 1], count[…]. */
  start: Int32Array;
  code: Int32Array;
  count: Float64Array;
  /** Ratings in an item of this profile (m_u). */
  size: Float64Array;
  /** How many items have this profile. */
  multiplicity: Float64Array;
  /** The profile of each pairable item, in item order. */
  profileOfItem: Int32Array;
  pairableItemIndexes: Int32Array;
  singleRatingItems: number;
}

export function buildProfiles(data: ReliabilityData): Profiles {
  const ids = new Map<string, number>();
  const entries: { codes: number[]; counts: number[]; size: number }[] = [];
  const multiplicity: number[] = [];
  const profileOfItem: number[] = [];
  const pairableItemIndexes: number[] = [];
  let singleRatingItems = 0;
  for (let item = 0; item < data.items.length; item++) {
    const size = data.itemStart[item + 1] - data.itemStart[item];
    if (size === 1) singleRatingItems++;
    if (size < 2) continue;
    const { codes, counts } = itemCounts(data, item);
    const order = codes.map((_, i) => i).sort((a, b) => codes[a] - codes[b]);
    const key = order.map((i) => `${codes[i]}x${counts[i]}`).join(",");
    let id = ids.get(key);
    if (id === undefined) {
      id = entries.length;
      ids.set(key, id);
      entries.push({ codes: order.map((i) => codes[i]), counts: order.map((i) => counts[i]), size });
      multiplicity.push(0);
    }
    multiplicity[id]++;
    profileOfItem.push(id);
    pairableItemIndexes.push(item);
  }
  const start = new Int32Array(entries.length + 1);
  entries.forEach((e, p) => (start[p + 1] = start[p] + e.codes.length));
  return {
    start,
    code: Int32Array.from(entries.flatMap((e) => e.codes)),
    count: Float64Array.from(entries.flatMap((e) => e.counts)),
    size: Float64Array.from(entries, (e) => e.size),
    multiplicity: Float64Array.from(multiplicity),
    profileOfItem: Int32Array.from(profileOfItem),
    pairableItemIndexes: Int32Array.from(pairableItemIndexes),
    singleRatingItems,
  };
}

/** δ²(c, k) between category indexes for the fixed-distance levels (ordinal depends on the marginals). */
export function fixedDistance(data: ReliabilityData): (c: number, k: number) => number {
  const v = data.magnitudes;
  if (data.level === "interval") return (c, k) => (v[c] - v[k]) ** 2;
  if (data.level === "ratio") return (c, k) => (v[c] + v[k] === 0 ? 0 : ((v[c] - v[k]) / (v[c] + v[k])) ** 2);
  return (c, k) => (c === k ? 0 : 1);
}

/** Krippendorff's ordinal δ²: the values between c and k, counted by the marginals n_g. */
export function ordinalDistance(marginals: Float64Array): (c: number, k: number) => number {
  const cumulative = new Float64Array(marginals.length + 1);
  for (let g = 0; g < marginals.length; g++) cumulative[g + 1] = cumulative[g] + marginals[g];
  return (c, k) => {
    const [low, high] = c <= k ? [c, k] : [k, c];
    return (cumulative[high + 1] - cumulative[low] - (marginals[low] + marginals[high]) / 2) ** 2;
  };
}

/**
 * Evaluates α for a weighting of the profiles (their multiplicities give the data's own α).
 * Scratch space is allocated once, so a thousand resamples allocate nothing large.
 */
export function alphaEvaluator(data: ReliabilityData, profiles: Profiles) {
  const K = data.categories.length;
  const P = profiles.size.length;
  const marginals = new Float64Array(K);
  const fixed = fixedDistance(data);
  // For fixed distances an item's observed disagreement is one number: Σ o_ck δ²_ck of the item.
  const observedOfProfile = new Float64Array(P);
  if (data.level !== "ordinal") {
    for (let p = 0; p < P; p++) observedOfProfile[p] = profileDisagreement(profiles, p, fixed);
  }
  const v = data.magnitudes;

  return (weights: Float64Array): AlphaResult => {
    marginals.fill(0);
    let observedSum = 0;
    let pairableItems = 0;
    for (let p = 0; p < P; p++) {
      const w = weights[p];
      if (w === 0) continue;
      pairableItems += w;
      observedSum += w * observedOfProfile[p];
      for (let j = profiles.start[p]; j < profiles.start[p + 1]; j++) marginals[profiles.code[j]] += w * profiles.count[j];
    }
    let total = 0;
    let used = 0;
    for (let c = 0; c < K; c++) {
      total += marginals[c];
      if (marginals[c] > 0) used++;
    }
    const base = { pairable: total, pairableItems, singleRatingItems: profiles.singleRatingItems };
    if (total === 0) return { ...undefinedBecause("no item has two or more ratings"), observed: null, expected: null, ...base };
    if (used < 2) return { ...undefinedBecause("all values identical"), observed: null, expected: null, ...base };
    let expectedSum = 0;
    if (data.level === "nominal") {
      expectedSum = total * total;
      for (let c = 0; c < K; c++) expectedSum -= marginals[c] * marginals[c];
    } else if (data.level === "interval") {
      // Σ_c Σ_k n_c n_k (v_c − v_k)² = 2 (n.. Σ n_c v_c² − (Σ n_c v_c)²): linear in K, for continuous data.
      let s1 = 0;
      let s2 = 0;
      for (let c = 0; c < K; c++) {
        s1 += marginals[c] * v[c];
        s2 += marginals[c] * v[c] * v[c];
      }
      expectedSum = 2 * (total * s2 - s1 * s1);
    } else {
      const distance = data.level === "ordinal" ? ordinalDistance(marginals) : fixed;
      if (data.level === "ordinal") {
        observedSum = 0;
        for (let p = 0; p < P; p++) if (weights[p] !== 0) observedSum += weights[p] * profileDisagreement(profiles, p, distance);
      }
      for (let c = 0; c < K; c++) {
        if (marginals[c] === 0) continue;
        for (let k = c + 1; k < K; k++) if (marginals[k] !== 0) expectedSum += 2 * marginals[c] * marginals[k] * distance(c, k);
      }
    }
    const observed = observedSum / total;
    const expected = expectedSum / (total * (total - 1));
    return { value: 1 - observed / expected, observed, expected, ...base };
  };
}

/** Σ_c Σ_k o_ck δ²_ck of one item of profile p: its share of the coincidence matrix, weighed. */
export function profileDisagreement(profiles: Profiles, p: number, distance: (c: number, k: number) => number): number {
  let sum = 0;
  for (let a = profiles.start[p]; a < profiles.start[p + 1]; a++) {
    for (let b = a + 1; b < profiles.start[p + 1]; b++) sum += 2 * profiles.count[a] * profiles.count[b] * distance(profiles.code[a], profiles.code[b]);
  }
  return sum / (profiles.size[p] - 1);
}

/** Krippendorff's α of the data at its declared level. */
export function krippendorffAlpha(data: ReliabilityData, profiles = buildProfiles(data)): AlphaResult {
  const result = alphaEvaluator(data, profiles)(profiles.multiplicity);
  if (data.raters.length < 2) return { ...result, ...undefinedBecause("fewer than two raters"), observed: null, expected: null };
  return result;
}

/** The coincidence matrix o_ck over the declared categories (rows and columns in declared order). */
export function coincidenceMatrix(data: ReliabilityData): number[][] {
  const K = data.categories.length;
  const matrix = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let item = 0; item < data.items.length; item++) {
    const { codes, counts } = itemCounts(data, item);
    const m = counts.reduce((a, b) => a + b, 0);
    if (m < 2) continue;
    codes.forEach((c, i) => codes.forEach((k, j) => (matrix[c][k] += (counts[i] * (counts[j] - (i === j ? 1 : 0))) / (m - 1))));
  }
  return matrix;
}
