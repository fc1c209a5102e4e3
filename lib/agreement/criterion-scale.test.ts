import { describe, expect, it } from "vitest";
import { decodeValue, encodeAnswer } from "@/lib/scores/codec";
import { krippendorffAlpha } from "./alpha";
import { type ScaledCriterion, criterionScale, withObservedNumbers } from "./criterion-scale";
import { tabulate } from "./data";

const criterion = (
  type: ScaledCriterion["type"],
  measurementLevel: ScaledCriterion["measurementLevel"],
  config: Record<string, unknown> = {},
): ScaledCriterion => ({
  type,
  measurementLevel,
  config,
});

function coefficient(c: ScaledCriterion) {
  const scale = criterionScale(c);
  if (scale.kind !== "coefficient") throw new Error(`expected a coefficient, got ${scale.kind}`);
  return scale;
}

describe("a criterion's declared scale", () => {
  it("orders a preference B3 < … < TIE < … < A3 at the ordinal level, BOTH_BAD and a choice without strength being missing", () => {
    const scale = coefficient(criterion("PREFERENCE", "ORDINAL", { allowTie: true, allowBothBad: true, strength: true }));
    expect(scale.scale).toEqual({ level: "ordinal", values: ["B3", "B2", "B1", "TIE", "A1", "A2", "A3"] });
    expect(
      [
        { choice: "A", strength: 2 },
        { choice: "B", strength: 3 },
        "TIE",
        { choice: "TIE", strength: null },
        "BOTH_BAD",
        { choice: "BOTH_BAD", strength: null },
        "A",
      ].map((v) => scale.toValue(v as never)),
    ).toEqual(["A2", "B3", "TIE", "TIE", null, null, null]);
    const noTie = coefficient(criterion("PREFERENCE", "ORDINAL", { allowTie: false, allowBothBad: true, strength: true }));
    expect(noTie.scale).toEqual({ level: "ordinal", values: ["B3", "B2", "B1", "A1", "A2", "A3"] });
  });

  it("keeps BOTH_BAD a category of its own at the nominal level and drops strength", () => {
    const scale = coefficient(criterion("PREFERENCE", "NOMINAL", { allowTie: false, allowBothBad: true, strength: false }));
    expect(scale.scale).toEqual({ level: "nominal", values: ["A", "B", "BOTH_BAD"] });
    expect(scale.toValue({ choice: "B", strength: 2 })).toBe("B");
    expect(coefficient(criterion("PREFERENCE", "NOMINAL", { allowTie: true, allowBothBad: true, strength: true })).scale).toEqual({
      level: "nominal",
      values: ["A", "B", "TIE", "BOTH_BAD"],
    });
  });

  it("ranks an ordinal CATEGORICAL by its option order, not alphabetically", () => {
    const scale = coefficient(
      criterion("CATEGORICAL", "ORDINAL", { options: ["poor", "fair", "good"].map((value) => ({ value, label: value, description: "" })) }),
    );
    const ratings = [
      ["i1", "poor", "fair"],
      ["i2", "good", "good"],
      ["i3", "fair", "good"],
      ["i4", "poor", "poor"],
    ].flatMap(([item, a, b]) => [
      { item, rater: "a", value: a },
      { item, rater: "b", value: b },
    ]);
    const declared = krippendorffAlpha(tabulate(ratings, scale.scale)).value!;
    const alphabetical = krippendorffAlpha(tabulate(ratings, { level: "ordinal", values: ["fair", "good", "poor"] })).value!;
    expect(declared).not.toBeCloseTo(alphabetical, 3);
    expect(scale.scale).toEqual({ level: "ordinal", values: ["poor", "fair", "good"] });
  });

  it("orders an ordinal NUMERIC criterion by the numbers given, and leaves interval ones continuous", () => {
    const numeric = coefficient(criterion("NUMERIC", "ORDINAL", { min: 0, max: 10, step: null, unit: "" }));
    expect(withObservedNumbers(numeric.scale, [10, 2, 9, 2])).toEqual({ level: "ordinal", values: [2, 9, 10] });
    expect(coefficient(criterion("NUMERIC", "INTERVAL", { min: 0, max: 10, step: null, unit: "" })).scale).toEqual({ level: "interval" });
  });

  it("reads a BINARY judgment as the boolean the codec stores, and refuses anything else as off the scale", () => {
    const binary = coefficient(criterion("BINARY", "NOMINAL"));
    const stored = [true, false].map((answer) => decodeValue(encodeAnswer("BINARY", answer))!);
    expect(stored).toEqual([true, false]);
    expect(stored.map(binary.toValue)).toEqual(["true", "false"]);
    expect(binary.scale).toEqual({ level: "nominal", values: ["false", "true"] });
    expect(() => tabulate([{ item: "i", rater: "a", value: binary.toValue("pass") }], binary.scale)).toThrow("not one of the declared values");
  });

  it("has no coefficient for free text, and MULTI goes option by option", () => {
    expect(criterionScale(criterion("TEXT", "NONE", { maxLength: 10 })).kind).toBe("none");
    expect(criterionScale(criterion("CORRECTION", "NONE", { maxLength: 10 })).kind).toBe("none");
    expect(criterionScale(criterion("MULTI", "NOMINAL", { options: [{ value: "x" }, { value: "y" }] }))).toEqual({ kind: "multi", options: ["x", "y"] });
  });
});
