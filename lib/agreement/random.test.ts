import { describe, expect, it } from "vitest";
import { mulberry32 } from "./random";

describe("mulberry32", () => {
  it("repeats its sequence for a seed, and draws the same indexes in bulk as one by one", () => {
    const one = mulberry32(42);
    const again = mulberry32(42);
    const first = Array.from({ length: 5 }, () => one.next());
    expect(Array.from({ length: 5 }, () => again.next())).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43).next()).not.toBe(first[0]);
    const bulk = new Int32Array(1000);
    mulberry32(7).indexes(bulk, 37);
    const single = mulberry32(7);
    expect(Array.from(bulk)).toEqual(Array.from({ length: 1000 }, () => Math.floor(single.next() * 37)));
    // …and carries on from where the bulk draw stopped.
    const after = mulberry32(7);
    after.indexes(bulk, 37);
    expect(after.next()).toBe(single.next());
  });

  it("tallies the same draws as it would list, by group, and carries on from them", () => {
    const groupOf = Int32Array.from({ length: 500 }, (_, i) => i % 7);
    const counts = new Float64Array(7);
    const tallied = mulberry32(9);
    tallied.tally(counts, groupOf);
    const listed = mulberry32(9);
    const drawn = new Int32Array(500);
    listed.indexes(drawn, 500);
    const expected = new Float64Array(7);
    for (const i of drawn) expected[groupOf[i]]++;
    expect(Array.from(counts)).toEqual(Array.from(expected));
    expect(tallied.next()).toBe(listed.next());
  });

  it("spreads indexes evenly", () => {
    const counts = new Array(10).fill(0);
    const drawn = new Int32Array(100_000);
    mulberry32(1).indexes(drawn, 10);
    for (const i of drawn) counts[i]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });
});
