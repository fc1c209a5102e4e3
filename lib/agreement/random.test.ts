import { describe, expect, it } from "vitest";
import { mulberry32 } from "./random";

describe("mulberry32", () => {
  it("repeats its sequence for a seed, and another seed gives another", () => {
    const one = mulberry32(42);
    const again = mulberry32(42);
    const first = Array.from({ length: 5 }, () => one.next());
    expect(Array.from({ length: 5 }, () => again.next())).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43).next()).not.toBe(first[0]);
  });

  it("spreads draws evenly", () => {
    const counts = new Array(10).fill(0);
    const random = mulberry32(1);
    for (let i = 0; i < 100_000; i++) counts[Math.floor(random.next() * 10)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });
});
