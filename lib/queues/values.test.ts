import { describe, expect, it } from "vitest";
import { type CriterionLike, labelRows, toScoreValue } from "./values";

// Configs as the rubric module stores them (its schemas' output): the queue validates labels
// with the rubric module's validateScoreValue, so value formats are the rubric's.

const c = (type: CriterionLike["type"], config: unknown, required = true, key = type.toLowerCase()): CriterionLike => ({
  id: `id-${key}`,
  key,
  type,
  required,
  config,
});
const levels = [1, 2, 3, 4, 5].map((value) => ({ value, label: String(value), description: `Level ${value}`, exemplars: [] }));
const scale = { min: 1, max: 5, levels };
const binary = { pass: { label: "Yes", description: "right" }, fail: { label: "No", description: "wrong" } };
const options = (...values: string[]) => values.map((value) => ({ value, label: value, description: "" }));
const preference = { allowTie: true, allowBothBad: true, strength: false };

describe("toScoreValue", () => {
  it("maps each criterion type to the typed score columns", () => {
    expect(toScoreValue(c("BINARY", binary), true)).toEqual({ ok: true, value: { dataType: "BOOLEAN", numberValue: 1, textValue: null, jsonValue: null } });
    expect(toScoreValue(c("SCALE", scale), 4)).toMatchObject({ ok: true, value: { dataType: "NUMERIC", numberValue: 4 } });
    expect(toScoreValue(c("NUMERIC", { min: 0, max: 1, step: null, unit: "" }), 0.25)).toMatchObject({
      ok: true,
      value: { dataType: "NUMERIC", numberValue: 0.25 },
    });
    expect(toScoreValue(c("CATEGORICAL", { options: options("billing", "other") }), "other")).toMatchObject({
      ok: true,
      value: { dataType: "CATEGORICAL", textValue: "other" },
    });
    // Stored in the options' order, so equal answers compare equal.
    expect(toScoreValue(c("MULTI", { options: options("a", "b"), minSelected: 0, maxSelected: null }), ["b", "a"])).toMatchObject({
      ok: true,
      value: { dataType: "MULTI", jsonValue: ["a", "b"] },
    });
    expect(toScoreValue(c("TEXT", { maxLength: 10 }), "fine")).toMatchObject({ ok: true, value: { dataType: "TEXT", textValue: "fine" } });
    expect(toScoreValue(c("CORRECTION", { maxLength: 100 }), "The ideal answer")).toMatchObject({ ok: true, value: { dataType: "TEXT" } });
    expect(toScoreValue(c("PREFERENCE", preference), "TIE")).toMatchObject({ ok: true, value: { dataType: "CATEGORICAL", textValue: "TIE" } });
    expect(toScoreValue(c("PREFERENCE", { ...preference, strength: true }), { choice: "B", strength: 2 })).toMatchObject({
      ok: true,
      value: { dataType: "JSON", jsonValue: { choice: "B", strength: 2 } },
    });
  });

  it("refuses answers outside the criterion's config", () => {
    expect(toScoreValue(c("BINARY", binary), "maybe").ok).toBe(false);
    expect(toScoreValue(c("SCALE", scale), 6).ok).toBe(false);
    expect(toScoreValue(c("SCALE", scale), 2.5).ok).toBe(false);
    expect(toScoreValue(c("NUMERIC", { min: 0, max: 1, step: null, unit: "" }), 2).ok).toBe(false);
    expect(toScoreValue(c("CATEGORICAL", { options: options("x") }), "y").ok).toBe(false);
    expect(toScoreValue(c("MULTI", { options: options("a"), minSelected: 0, maxSelected: null }), ["a", "a"]).ok).toBe(false);
    expect(toScoreValue(c("TEXT", { maxLength: 3 }), "toolong").ok).toBe(false);
    expect(toScoreValue(c("TEXT", { maxLength: 3 }), "   ").ok).toBe(false);
    const noTie = toScoreValue(c("PREFERENCE", { ...preference, allowTie: false }), "TIE");
    expect(noTie.ok).toBe(false);
    expect(!noTie.ok && noTie.message).toMatch(/not screen sides/);
    // A criterion whose stored definition does not parse refuses every answer.
    expect(toScoreValue(c("SCALE", { min: 1 }), 1).ok).toBe(false);
  });
});

describe("labelRows", () => {
  const rubric = [c("SCALE", scale, true, "helpfulness"), c("TEXT", { maxLength: 100 }, false, "rationale"), c("PREFERENCE", preference, true, "preferred")];

  it("demands required criteria on submit and names rows by criterion key", () => {
    expect(labelRows(rubric, "SINGLE", { rationale: "ok" }, true).errors).toEqual([{ path: "values.helpfulness", message: "This criterion is required" }]);
    const { rows, errors } = labelRows(rubric, "SINGLE", { helpfulness: 3, rationale: null }, true);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.name, r.criterionId])).toEqual([["helpfulness", "id-helpfulness"]]);
  });

  it("answers a preference for the pair and other criteria per side on pairwise items", () => {
    const { rows, errors } = labelRows(rubric, "PAIRWISE", { preferred: "B", "helpfulness:A": 2, "helpfulness:B": 5 }, true);
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.name).sort()).toEqual(["helpfulness:A", "helpfulness:B", "preferred"]);
    expect(labelRows(rubric, "PAIRWISE", { helpfulness: 2, "preferred:A": "A" }, false).errors.map((e) => e.path)).toEqual([
      "values.helpfulness",
      "values.preferred:A",
    ]);
    expect(labelRows(rubric, "SINGLE", { unknown: 1 }, false).errors[0].message).toMatch(/No such criterion/);
  });
});
