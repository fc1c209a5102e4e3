// A seeded generator, so the same data and seed give the same bootstrap interval on any
// machine and in any run; Math.random cannot be seeded.

const step = (state: number) => (state + 0x6d2b79f5) | 0;
const mix = (state: number) => {
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** mulberry32: 32 bits of state, uniform numbers in [0, 1). Plenty for resampling items. */
export function mulberry32(seed: number) {
  let state = seed | 0;
  return {
    next(): number {
      state = step(state);
      return mix(state);
    },
    /**
     * Fills `out` with uniform integers in [0, below), the same numbers as floor(next() · below)
     * one by one. A resample draws every item's index: one tight loop here costs a third of a
     * call per draw.
     */
    indexes(out: Int32Array, below: number): void {
      let s = state;
      for (let i = 0; i < out.length; i++) {
        s = step(s);
        out[i] = Math.floor(mix(s) * below);
      }
      state = s;
    },
    /**
     * Draws `groupOf.length` indexes below it, as `indexes` would, and counts each draw in
     * `counts` at its group (`counts[groupOf[index]]++`): a bootstrap resample's weights in one
     * pass, without writing the draws down first.
     */
    tally(counts: Float64Array, groupOf: Int32Array): void {
      let s = state;
      const below = groupOf.length;
      for (let i = 0; i < below; i++) {
        s = step(s);
        counts[groupOf[Math.floor(mix(s) * below)]]++;
      }
      state = s;
    },
  };
}
