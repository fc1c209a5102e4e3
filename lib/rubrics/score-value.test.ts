import { describe, expect, it } from "vitest";
import { ZRubricContent } from "./schemas";
import { validateScoreValue } from "./score-value";
import { everyType } from "./test-fixtures";

const criteria = Object.fromEntries(ZRubricContent.parse(everyType()).criteria.map((c) => [c.key, c]));
const check = (key: string, value: unknown) => validateScoreValue(criteria[key], value);
const value = (key: string, v: unknown) => {
  const result = check(key, v);
  if (!result.ok) throw new Error(result.message);
  return result.value;
};
const refused = (key: string, v: unknown) => {
  const result = check(key, v);
  return result.ok ? "accepted" : result.message;
};

describe("validateScoreValue", () => {
  it("BINARY: true/false (or 1/0, or a side's label) as a boolean", () => {
    expect(value("correct", true)).toEqual({ dataType: "BOOLEAN", numberValue: 1, textValue: null, jsonValue: null });
    expect(value("correct", 0)).toMatchObject({ dataType: "BOOLEAN", numberValue: 0 });
    expect(value("correct", "No")).toMatchObject({ numberValue: 0 });
    expect(refused("correct", "maybe")).toBe("Answer true (Yes) or false (No)");
    expect(refused("correct", 2)).not.toBe("accepted");
  });

  it("SCALE: a level that exists", () => {
    expect(value("quality", 2)).toEqual({ dataType: "NUMERIC", numberValue: 2, textValue: null, jsonValue: null });
    expect(refused("quality", 4)).toBe("Answer one of the levels 1, 2, 3");
    expect(refused("quality", 2.5)).not.toBe("accepted");
    expect(refused("quality", "2")).not.toBe("accepted");
  });

  it("CATEGORICAL: an option that exists", () => {
    expect(value("topic", "tech")).toEqual({ dataType: "CATEGORICAL", numberValue: null, textValue: "tech", jsonValue: null });
    expect(refused("topic", "sales")).toBe("Answer one of billing, tech");
  });

  it("MULTI: a subset of the options within the limits, stored in the options' order", () => {
    expect(value("issues", ["facts", "tone"])).toEqual({ dataType: "MULTI", numberValue: null, textValue: null, jsonValue: ["tone", "facts"] });
    expect(value("issues", [])).toMatchObject({ jsonValue: [] });
    expect(refused("issues", ["tone", "style"])).toBe("Unknown options: style");
    expect(refused("issues", ["tone", "tone"])).toBe("Each option may be chosen once");
    expect(refused("issues", ["tone", "length", "facts"])).toBe("Choose from 0 to 2 options");
    expect(refused("issues", "tone")).toBe("Answer a list of option values");
  });

  it("NUMERIC: inside the range, on the step", () => {
    expect(value("minutes", 2.5)).toMatchObject({ dataType: "NUMERIC", numberValue: 2.5 });
    expect(value("minutes", 10)).toMatchObject({ numberValue: 10 });
    expect(refused("minutes", 10.5)).toBe("Answer a number from 0 to 10");
    expect(refused("minutes", -1)).toBe("Answer a number from 0 to 10");
    expect(refused("minutes", 0.3)).toBe("Answer in steps of 0.5 from 0");
    expect(refused("minutes", Number.NaN)).toBe("Answer a number");
  });

  it("TEXT and CORRECTION: non-empty, within the length limit", () => {
    expect(value("why", "short reason")).toEqual({ dataType: "TEXT", numberValue: null, textValue: "short reason", jsonValue: null });
    expect(refused("why", "x".repeat(21))).toBe("Write at most 20 characters");
    expect(refused("why", "   ")).toBe("Answer a non-empty text");
    expect(value("ideal", "The right answer")).toMatchObject({ dataType: "TEXT", textValue: "The right answer" });
    expect(refused("ideal", "y".repeat(101))).toBe("Write at most 100 characters");
  });

  it("PREFERENCE: an allowed choice, with a strength when the criterion asks for one", () => {
    expect(value("pref", { choice: "A", strength: 2 })).toEqual({
      dataType: "JSON",
      numberValue: null,
      textValue: null,
      jsonValue: { choice: "A", strength: 2 },
    });
    expect(value("pref", "TIE")).toMatchObject({ jsonValue: { choice: "TIE", strength: null } });
    expect(refused("pref", "BOTH_BAD")).toBe("Answer A, B, TIE");
    expect(refused("pref", { choice: "B" })).toBe("Give a strength of 1, 2 or 3");
    expect(refused("pref", { choice: "TIE", strength: 1 })).toBe("A tie or both bad has no strength");
    const plain = { ...criteria.pref, config: { allowTie: false, allowBothBad: true, strength: false } };
    expect(validateScoreValue(plain, "BOTH_BAD")).toEqual({
      ok: true,
      value: { dataType: "CATEGORICAL", numberValue: null, textValue: "BOTH_BAD", jsonValue: null },
    });
    expect(validateScoreValue(plain, "TIE")).toEqual({ ok: false, message: "Answer A, B, BOTH_BAD" });
    expect(validateScoreValue(plain, { choice: "A", strength: 3 })).toEqual({ ok: false, message: "This criterion has no strength" });
  });

  it("refuses to score against a criterion whose stored definition is unreadable", () => {
    expect(validateScoreValue({ key: "broken", type: "SCALE", config: { min: 1 } }, 1)).toEqual({
      ok: false,
      message: 'The criterion "broken" has an unreadable definition',
    });
  });
});
