import { describe, expect, it } from "vitest";
import { compactJsonb, jsonbAsJson } from "./jsonb-text";

// Texts as Postgres's jsonb output writes them: spaces after , and :, keys shorter first,
// numbers as numeric stores them.
const SAMPLES = [
  `{"a": 0.0000001, "b": 1.0, "f": 0.1, "g": 100, "i": 2.50, "dd": 0, "ccc": 12345678901234567890, "big": 15${"0".repeat(299)}}`,
  `{"k": [true, false, null, {"a": 2, "bb": 3, "zz": 1}], "text": "ünïcödé \\" \\\\ \\n \\t \\u0001 \\u001f \u007f \u2028 😀 </script>, with: colons"}`,
  `"plain, string: input"`,
  `[1, "two", [3, [4]], {"": "empty key", "A": 1, "a": 2, "é": "accent key"}]`,
  `{"n": -12.5e-3, "neg": -0.50, "s": "1.0", "list": [-1, 2.000, 3e2]}`,
  `true`,
  `null`,
  `-3.25`,
  `{}`,
  `[]`,
];

describe("jsonb text as JSON.stringify writes it", () => {
  it("drops the separators' spaces and writes numbers as JavaScript does, strings untouched", () => {
    for (const text of SAMPLES) expect(compactJsonb(text), text).toBe(JSON.stringify(JSON.parse(text)));
    expect(compactJsonb(`{"a": 1.0}`)).toBe(`{"a":1}`);
    expect(compactJsonb(`{"s": "a, b: c"}`)).toBe(`{"s":"a, b: c"}`);
  });

  it("gives up where JavaScript orders keys otherwise or reads a number as Infinity, and the fallback parses", () => {
    // jsonb puts "b" before "10" (shorter first); JavaScript puts index keys first.
    const indexKeys = `{"2": 1, "b": 2, "10": 3}`;
    expect(compactJsonb(indexKeys)).toBeNull();
    expect(jsonbAsJson(indexKeys)).toBe(`{"2":1,"10":3,"b":2}`);
    expect(compactJsonb(`{"x": 1${"0".repeat(400)}}`)).toBeNull();
    expect(jsonbAsJson(`{"x": 1${"0".repeat(400)}}`)).toBe(`{"x":null}`);
    expect(jsonbAsJson(null)).toBe("null");
  });
});
