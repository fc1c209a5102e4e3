// A seeded generator, so the same data and seed give the same bootstrap interval on any
// machine and in any run; Math.random cannot be seeded.

/** mulberry32: 32 bits of state, uniform numbers in [0, 1). Plenty for resampling items. */
export function mulberry32(seed: number) {
  let state = seed | 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}
