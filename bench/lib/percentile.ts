/** The nearest-rank p-th percentile (p in 0–100) of timings: a value that was measured, never one between two. */
export function pct(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
