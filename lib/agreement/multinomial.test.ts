import { describe, expect, it } from "vitest";
import { binomial, logFactorial, multinomial } from "./multinomial";
import { mulberry32 } from "./random";

// Pearson's χ² of observed counts against Binomial(n, q), tails pooled until each bin
// expects at least 5; the 0.999 quantiles below are from the χ² table (df as noted).
function binomialChiSquare(n: number, q: number, draws: number, seed: number): { statistic: number; bins: number } {
  const random = mulberry32(seed);
  const observed = new Float64Array(n + 1);
  for (let i = 0; i < draws; i++) observed[binomial(random, n, q)]++;
  const pmf = Array.from({ length: n + 1 }, (_, k) =>
    Math.exp(logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(q) + (n - k) * Math.log1p(-q)),
  );
  let statistic = 0;
  let bins = 0;
  let [expectedBin, observedBin] = [0, 0];
  for (let k = 0; k <= n; k++) {
    expectedBin += pmf[k] * draws;
    observedBin += observed[k];
    const restExpected = pmf.slice(k + 1).reduce((a, b) => a + b, 0) * draws;
    if (expectedBin >= 5 && (restExpected >= 5 || k === n)) {
      statistic += (observedBin - expectedBin) ** 2 / expectedBin;
      bins++;
      [expectedBin, observedBin] = [0, 0];
    } else if (k === n) {
      statistic += (observedBin - expectedBin) ** 2 / Math.max(expectedBin, 1e-9);
    }
  }
  return { statistic, bins };
}

describe("ln k!", () => {
  it("matches the sum of logarithms to 12 significant digits up to 100,000", () => {
    let exact = 0;
    for (let k = 1; k <= 100_000; k++) {
      exact += Math.log(k);
      if (k <= 40 || k % 997 === 0) expect(Math.abs(logFactorial(k) - exact) / Math.max(exact, 1), `k = ${k}`).toBeLessThan(1e-12);
    }
    expect(logFactorial(0)).toBe(0);
    // 170! = 7.257415615307994e306 (the largest factorial a double holds).
    expect(Math.exp(logFactorial(170) - 306 * Math.LN10)).toBeCloseTo(7.257415615307994, 9);
  });
});

describe("binomial draws by modal inversion", () => {
  it("fit Binomial(12, 0.35) by Pearson's χ² over 100,000 draws (under the 0.999 quantile, 29.59 for 10 df)", () => {
    const { statistic, bins } = binomialChiSquare(12, 0.35, 100_000, 11);
    expect(bins).toBeGreaterThanOrEqual(10);
    expect(statistic).toBeLessThan(29.59 + 2 * (bins - 11));
  });

  it("fit Binomial(5000, 0.02), a mode far from both ends, by χ² over 100,000 draws", () => {
    const { statistic, bins } = binomialChiSquare(5000, 0.02, 100_000, 12);
    expect(bins).toBeGreaterThan(40);
    // The 0.999 quantile of χ² with df degrees of freedom is under df + 3.1·√(2·df) + 10 for these df.
    expect(statistic).toBeLessThan(bins - 1 + 3.1 * Math.sqrt(2 * (bins - 1)) + 10);
  });

  it("keep the ends exact: q of 0 or 1, n of 0, and q above one half", () => {
    const random = mulberry32(3);
    expect([binomial(random, 10, 0), binomial(random, 10, 1), binomial(random, 0, 0.4)]).toEqual([0, 10, 0]);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += binomial(random, 40, 0.9);
    expect(sum / 20_000).toBeCloseTo(36, 1);
  });
});

describe("multinomial resample counts", () => {
  it("sum to n, and have the multinomial's means, variances and covariance", () => {
    const sizes = [5000, 3000, 1500, 400, 100, 0, 1];
    const n = sizes.reduce((a, b) => a + b, 0);
    const random = mulberry32(5);
    const counts = new Float64Array(sizes.length);
    const draws = 20_000;
    const sum = new Float64Array(sizes.length);
    const square = new Float64Array(sizes.length);
    let cross = 0;
    for (let r = 0; r < draws; r++) {
      multinomial(random, counts, sizes);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
      expect(counts[5]).toBe(0);
      counts.forEach((c, g) => {
        sum[g] += c;
        square[g] += c * c;
      });
      cross += counts[0] * counts[1];
    }
    sizes.forEach((size, g) => {
      const p = size / n;
      const mean = sum[g] / draws;
      const variance = square[g] / draws - mean * mean;
      expect(Math.abs(mean - size), `mean of group ${g}`).toBeLessThan(4 * Math.sqrt((n * p * (1 - p)) / draws) + 1e-9);
      if (size > 0) expect(variance / (n * p * (1 - p)), `variance of group ${g}`).toBeGreaterThan(0.95);
      if (size > 0) expect(variance / (n * p * (1 - p)), `variance of group ${g}`).toBeLessThan(1.05);
    });
    // Cov(N₀, N₁) = −n·p₀·p₁.
    const covariance = cross / draws - (sum[0] / draws) * (sum[1] / draws);
    expect(covariance / (-n * (5000 / n) * (3000 / n))).toBeCloseTo(1, 1);
  });
});
