import { describe, expect, it } from "vitest";
import { ZRubricContent } from "@/lib/rubrics/schemas";
import { everyType } from "@/lib/rubrics/test-fixtures";
import { answerChoices, applyChoice } from "./answer-keys";
import { digitHint } from "./inputs/types";

const criteria = Object.fromEntries(ZRubricContent.parse(everyType()).criteria.map((c) => [c.key, c]));

describe("digit answers", () => {
  it("maps digits to each type's choices in display order; text-like criteria have none", () => {
    expect(answerChoices(criteria.correct).map((c) => c.value)).toEqual([true, false]);
    expect(answerChoices(criteria.quality).map((c) => c.value)).toEqual([1, 2, 3]);
    expect(answerChoices(criteria.topic).map((c) => c.value)).toEqual(["billing", "tech"]);
    expect(answerChoices(criteria.pref).map((c) => c.value)).toEqual(["A", "B", "TIE"]);
    for (const key of ["minutes", "why", "ideal"]) expect(answerChoices(criteria[key])).toEqual([]);
  });

  it("sets single answers, toggles multiple ones, and ignores digits past the last choice", () => {
    expect(applyChoice(criteria.quality, 1, 2)).toBe(3);
    expect(applyChoice(criteria.quality, 1, 7)).toBe(1);
    const once = applyChoice(criteria.issues, undefined, 0);
    expect(once).toEqual(["tone"]);
    expect(applyChoice(criteria.issues, ["tone", "facts"], 0)).toEqual(["facts"]);
  });

  it("keeps a preference's strength while switching between A and B, and drops it for a tie", () => {
    expect(applyChoice(criteria.pref, undefined, 0)).toEqual({ choice: "A", strength: null });
    expect(applyChoice(criteria.pref, { choice: "A", strength: 3 }, 1)).toEqual({ choice: "B", strength: 3 });
    expect(applyChoice(criteria.pref, { choice: "A", strength: 3 }, 2)).toEqual({ choice: "TIE", strength: null });
  });

  it("labels choices 1–9, then 0 and a digit up to 19", () => {
    expect([0, 8, 9, 10, 18, 19].map(digitHint)).toEqual(["1", "9", "0 0", "0 1", "0 9", ""]);
  });
});
