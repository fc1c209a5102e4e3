import { describe, expect, it } from "vitest";
import { ZRubricContent } from "@/lib/rubrics/schemas";
import { everyType } from "@/lib/rubrics/test-fixtures";
import { criterionText, examplesText, rubricValues } from "./prompt-text";
import { parseTemplate, renderTemplate } from "./template";

const criteria = Object.fromEntries(ZRubricContent.parse(everyType()).criteria.map((c) => [c.key, c]));

describe("the criterion as the judge reads it", () => {
  it("gives a SCALE's question, guidance, every level's description and its exemplars", () => {
    const text = criterionText({ ...criteria.quality, question: "How good is the answer?", guidance: "Judge the facts, not the style." });
    expect(text).toBe(
      [
        "Criterion: Quality",
        "Question: How good is the answer?",
        "Guidance: Judge the facts, not the style.",
        "Values:",
        "- 1 (Bad): Wrong",
        "- 2 (OK): Fine",
        "  Example of 2: An OK answer",
        "- 3 (Great): Perfect",
      ].join("\n"),
    );
  });

  it("says which boolean each BINARY side is, and what every other type accepts", () => {
    expect(criterionText(criteria.correct)).toBe('Criterion: Correct\nValues:\n- Answer true for "Yes": All true\n- Answer false for "No": Something false');
    expect(criterionText(criteria.topic)).toContain("- billing (Billing)\n- tech (Technical)");
    expect(criterionText(criteria.minutes)).toContain("- A number from 0 to 10 in steps of 0.5, in min");
    const preference = criterionText(criteria.pref);
    expect(preference).toContain("- TIE: both are equally good\n- With A or B, a strength: 1 (Slightly better), 2 (Clearly better), 3 (Much better)");
    expect(preference).not.toContain("BOTH_BAD");
  });
});

describe("calibration examples", () => {
  it("numbers each example with its inputs, the expert's value and the note", () => {
    const text = examplesText([
      { input: "2+2?", output: "5", value: false, note: "Arithmetic is wrong" },
      { input: { q: "capital of France" }, output: "Paris", value: true },
    ]);
    expect(text).toBe(
      [
        "Example 1\nInput:\n2+2?\nOutput:\n5\nExpert answer: false\nWhy: Arithmetic is wrong",
        'Example 2\nInput:\n{\n  "q": "capital of France"\n}\nOutput:\nParis\nExpert answer: true',
      ].join("\n\n"),
    );
    expect(examplesText([])).toBe("");
  });

  it("fills {{criterion}} and {{examples}} without expanding what the examples say", () => {
    const template = parseTemplate("{{criterion}}\n\n{{examples}}\n\nNow: {{output}}", "single");
    const values = rubricValues(criteria.correct, [{ output: "{{output}}", value: true }]);
    const prompt = renderTemplate(template, { ...values, output: "real output" });
    expect(prompt).toContain("Example 1\nOutput:\n{{output}}\nExpert answer: true\n\nNow: real output");
  });
});
