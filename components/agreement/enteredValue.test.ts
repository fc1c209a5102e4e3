import { describe, expect, it } from "vitest";
import { enteredValue, matchesARater } from "./enteredValue";

describe("an adjudicator's own value", () => {
  it("is read as the criterion's type expects", () => {
    expect(enteredValue("SCALE", " 4 ")).toBe(4);
    expect(enteredValue("BINARY", "no")).toBe(false);
    expect(enteredValue("BINARY", "yes")).toBe(true);
    expect(enteredValue("MULTI", "tone, length")).toEqual(["tone", "length"]);
    expect(enteredValue("PREFERENCE", "a2")).toEqual({ choice: "A", strength: 2 });
    expect(enteredValue("TEXT", "  ")).toBeUndefined();
  });

  it("needs a reason only when it matches no rater's value", () => {
    expect(matchesARater(3, [2, 3])).toBe(true);
    expect(matchesARater(4, [2, 3])).toBe(false);
    expect(matchesARater(["a", "b"], [["a", "b"]])).toBe(true);
    expect(matchesARater({ choice: "A", strength: 2 }, [{ choice: "A", strength: 1 }])).toBe(false);
  });
});
