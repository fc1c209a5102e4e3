import { describe, expect, it } from "vitest";
import { type CriterionLike, labelRows, toScoreValue } from "./values";

const c = (type: CriterionLike["type"], config: unknown = {}, required = true, key = type.toLowerCase()): CriterionLike => ({ id: `id-${key}`, key, type, required, config });
const levels = [1, 2, 3, 4, 5].map((value) => ({ value, label: String(value) }));

describe("toScoreValue", () => {
  it("maps each criterion type to the typed score columns", () => {
    expect(toScoreValue(c("BINARY"), true)).toEqual({ ok: true, value: { dataType: "BOOLEAN", numberValue: 1, textValue: null, jsonValue: null } });
    expect(toScoreValue(c("SCALE", { min: 1, max: 5, levels }), 4)).toMatchObject({ ok: true, value: { dataType: "NUMERIC", numberValue: 4 } });
    expect(toScoreValue(c("NUMERIC", { min: 0, max: 1 }), 0.25)).toMatchObject({ ok: true, value: { dataType: "NUMERIC", numberValue: 0.25 } });
    expect(toScoreValue(c("CATEGORICAL", { options: [{ value: "billing" }, { value: "other" }] }), "other")).toMatchObject({ ok: true, value: { dataType: "CATEGORICAL", textValue: "other" } });
    expect(toScoreValue(c("MULTI", { options: [{ value: "a" }, { value: "b" }] }), ["b", "a"])).toMatchObject({ ok: true, value: { dataType: "MULTI", jsonValue: ["b", "a"] } });
    expect(toScoreValue(c("TEXT", { maxLength: 10 }), "fine")).toMatchObject({ ok: true, value: { dataType: "TEXT", textValue: "fine" } });
    expect(toScoreValue(c("CORRECTION"), "The ideal answer")).toMatchObject({ ok: true, value: { dataType: "TEXT" } });
    expect(toScoreValue(c("PREFERENCE"), "tie")).toMatchObject({ ok: true, value: { dataType: "CATEGORICAL", textValue: "tie" } });
  });

  it("refuses answers outside the criterion's config", () => {
    expect(toScoreValue(c("BINARY"), 1).ok).toBe(false);
    expect(toScoreValue(c("SCALE", { min: 1, max: 5, levels }), 6).ok).toBe(false);
    expect(toScoreValue(c("SCALE", { min: 1, max: 5 }), 2.5).ok).toBe(false);
    expect(toScoreValue(c("NUMERIC", { max: 1 }), 2).ok).toBe(false);
    expect(toScoreValue(c("CATEGORICAL", { options: [{ value: "x" }] }), "y").ok).toBe(false);
    expect(toScoreValue(c("MULTI", { options: [{ value: "a" }] }), ["a", "a"]).ok).toBe(false);
    expect(toScoreValue(c("TEXT", { maxLength: 3 }), "toolong").ok).toBe(false);
    expect(toScoreValue(c("TEXT"), "   ").ok).toBe(false);
    expect(toScoreValue(c("PREFERENCE", { allowTie: false }), "tie").ok).toBe(false);
  });
});

describe("labelRows", () => {
  const rubric = [c("SCALE", { min: 1, max: 5 }, true, "helpfulness"), c("TEXT", {}, false, "rationale"), c("PREFERENCE", {}, true, "preferred")];

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
    expect(labelRows(rubric, "PAIRWISE", { helpfulness: 2, "preferred:A": "A" }, false).errors.map((e) => e.path)).toEqual(["values.helpfulness", "values.preferred:A"]);
    expect(labelRows(rubric, "SINGLE", { unknown: 1 }, false).errors[0].message).toMatch(/No such criterion/);
  });
});
