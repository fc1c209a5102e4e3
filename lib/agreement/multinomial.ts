// A bootstrap resample of n items, drawn with replacement, needs only how many times each
// profile (items alike for α) was drawn: counts from Multinomial(n; m_p / n). Drawing them as
// one binomial a profile, each conditional on the profiles before it, gives exactly that
// distribution in O(profiles · √(n/profiles)) steps instead of n draws of an item.

/** A source of uniform numbers in [0, 1), such as mulberry32. */
export interface Uniform {
  next(): number;
}

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
const SMALL = 32;
const LOG_FACTORIAL_SMALL = new Float64Array(SMALL + 1);
for (let k = 2; k <= SMALL; k++) LOG_FACTORIAL_SMALL[k] = LOG_FACTORIAL_SMALL[k - 1] + Math.log(k);

/** ln k!: exact sums up to 32, then Stirling's series to k⁻⁵ (its next term is under 10⁻¹⁴ there). */
export function logFactorial(k: number): number {
  if (k <= SMALL) return LOG_FACTORIAL_SMALL[k];
  const inverse = 1 / k;
  const inverse2 = inverse * inverse;
  return (k + 0.5) * Math.log(k) - k + HALF_LOG_TWO_PI + inverse * (1 / 12 - inverse2 * (1 / 360 - inverse2 / 1260));
}

/**
 * One draw from Binomial(n, q) by inversion searched outward from the mode (Kemp's modal
 * method): the outcomes are visited in a fixed order, mode, mode+1, mode−1, … each taking its
 * probability off one uniform number, so each is returned with exactly its probability, in
 * about one step per standard deviation.
 */
export function binomial(random: Uniform, n: number, q: number): number {
  if (n <= 0 || q <= 0) return 0;
  if (q >= 1) return n;
  const mode = Math.min(n, Math.floor((n + 1) * q));
  const logAtMode = logFactorial(n) - logFactorial(mode) - logFactorial(n - mode) + mode * Math.log(q) + (n - mode) * Math.log1p(-q);
  const atMode = Math.exp(logAtMode);
  const odds = q / (1 - q);
  for (;;) {
    let u = random.next() - atMode;
    if (u < 0) return mode;
    let [low, high, atLow, atHigh] = [mode, mode, atMode, atMode];
    while (low > 0 || high < n) {
      if (high < n) {
        atHigh *= ((n - high) / (high + 1)) * odds;
        high++;
        u -= atHigh;
        if (u < 0) return high;
      }
      if (low > 0) {
        atLow *= low / ((n - low + 1) * odds);
        low--;
        u -= atLow;
        if (u < 0) return low;
      }
    }
    // Every outcome visited and u left over: only rounding in the probabilities (parts in
    // 10⁹ at worst) allows it. Draw again rather than favour an end.
  }
}

/**
 * Fills `counts` with one draw of how often each group is hit when `n` members are drawn with
 * replacement from groups of the given sizes (which sum to n).
 */
export function multinomial(random: Uniform, counts: Float64Array, sizes: ArrayLike<number>): void {
  let left = 0;
  for (let g = 0; g < sizes.length; g++) left += sizes[g];
  let draws = left;
  for (let g = 0; g < sizes.length; g++) {
    const k = g === sizes.length - 1 ? draws : binomial(random, draws, sizes[g] / left);
    counts[g] = k;
    draws -= k;
    left -= sizes[g];
  }
}
