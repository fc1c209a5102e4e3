import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";

// Checked against the RFC's own examples, then against the `canonicalize` package (the
// reference the checksum was first made with) over many generated JSON values.

/** A small deterministic generator (mulberry32), so a failure names a reproducible case. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  "a",
  "b",
  "10",
  "9",
  "1",
  "€",
  "\u0080",
  "ö",
  "\ud83d\ude00",
  "\ufb33",
  "\r",
  '"',
  "\\",
  "\n",
  "\u000f",
  "\u007f",
  "x y",
  "é",
  "__proto__",
  "toJSON",
  "",
];
const NUMBERS = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789012345680000, 333333333.3333333, 5e-324, 1.7976931348623157e308, 2 ** 53, -1.5e-10, 4.5];

function value(next: () => number, depth: number): unknown {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const kind = Math.floor(next() * (depth > 3 ? 4 : 6));
  if (kind === 0) return pick([null, true, false]);
  if (kind === 1) return pick(NUMBERS);
  if (kind === 2 || kind === 3) return Array.from({ length: Math.floor(next() * 3) + 1 }, () => pick(PIECES)).join("");
  if (kind === 4) return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 5); i > 0; i--)
    object[Array.from({ length: Math.floor(next() * 2) + 1 }, () => pick(PIECES)).join("")] = value(next, depth + 1);
  return object;
}

describe("canonical JSON", () => {
  it("writes the RFC 8785 §3.2.2 example: numbers, string escapes and literals", () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it("sorts keys by UTF-16 code units as in the RFC 8785 §3.2.3 example, numeric-looking keys included", () => {
    const input = {
      "€": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "😀": "Emoji: Grinning Face",
      "\u0080": "Control",
      ö: "Latin Small Letter O With Diaeresis",
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    expect(canonicalJson({ 10: 1, 9: 2, a: 3 })).toBe('{"10":1,"9":2,"a":3}');
  });

  it("gives the same text as the canonicalize package for 5,000 generated JSON values", () => {
    const next = random(8785);
    for (let i = 0; i < 5_000; i++) {
      const v = value(next, 0);
      const parsed = JSON.parse(JSON.stringify(v));
      expect(canonicalJson(v)).toBe(canonicalize(v));
      expect(canonicalJson(parsed)).toBe(canonicalize(parsed));
    }
  });

  it("leaves what is not plain JSON to the package: dates, toJSON, undefined members, and refuses what RFC 8785 cannot write", () => {
    const odd = { when: new Date(0), custom: { toJSON: () => "custom" }, gone: undefined, list: [undefined, 1], boxed: new Number(2) };
    expect(canonicalJson(odd)).toBe(canonicalize(odd));
    expect(() => canonicalJson({ bad: "\ud800" })).toThrow(/surrogate/i);
    expect(() => canonicalJson([Number.NaN])).toThrow(/NaN/);
    expect(() => canonicalJson({ big: Number.POSITIVE_INFINITY })).toThrow(/Infinity/);
  });
});
