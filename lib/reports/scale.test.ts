import { describe, expect, it } from "vitest";
import { krippendorffAlpha, tabulate } from "@/lib/agreement";
import { light } from "./figures";
import { type CriterionRow, criterionScale } from "./scale";

const criterion = (type: CriterionRow["type"], measurementLevel: CriterionRow["measurementLevel"], config: Record<string, unknown>): CriterionRow => ({
  id: "c",
  key: "k",
  label: "K",
  type,
  measurementLevel,
  config,
});

describe("a criterion's declared scale", () => {
  it("orders a preference B3 < … < TIE < … < A3 at the ordinal level, BOTH_BAD being missing", () => {
    const scale = criterionScale(criterion("PREFERENCE", "ORDINAL", { allowTie: true, allowBothBad: true, strength: true }));
    if (scale.kind !== "coefficient") throw new Error("expected a coefficient");
    expect(scale.scale).toEqual({ level: "ordinal", values: ["B3", "B2", "B1", "TIE", "A1", "A2", "A3"] });
    expect(
      [{ choice: "A", strength: 2 }, { choice: "B", strength: 3 }, "TIE", "BOTH_BAD", { choice: "BOTH_BAD", strength: null }].map((v) =>
        scale.toValue(v as never),
      ),
    ).toEqual(["A2", "B3", "TIE", null, null]);
  });

  it("keeps BOTH_BAD a category of its own at the nominal level and drops strength", () => {
    const scale = criterionScale(criterion("PREFERENCE", "NOMINAL", { allowTie: false, allowBothBad: true, strength: false }));
    if (scale.kind !== "coefficient") throw new Error("expected a coefficient");
    expect(scale.scale).toEqual({ level: "nominal", values: ["A", "B", "BOTH_BAD"] });
    expect(scale.toValue({ choice: "B", strength: 2 })).toBe("B");
  });

  it("ranks an ordinal CATEGORICAL by its option order, not alphabetically", () => {
    const scale = criterionScale(
      criterion("CATEGORICAL", "ORDINAL", { options: ["poor", "fair", "good"].map((value) => ({ value, label: value, description: "" })) }),
    );
    if (scale.kind !== "coefficient") throw new Error("expected a coefficient");
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

  it("has no coefficient for free text, and MULTI goes option by option", () => {
    expect(criterionScale(criterion("TEXT", "NONE", { maxLength: 10 })).kind).toBe("none");
    expect(criterionScale(criterion("MULTI", "NOMINAL", { options: [{ value: "x" }, { value: "y" }] }))).toEqual({ kind: "multi", options: ["x", "y"] });
  });

  it("reads α against the project's thresholds", () => {
    const t = { tentative: 0.667, reliable: 0.8 };
    expect([0.85, 0.8, 0.7, 0.5, null].map((a) => light(a, t))).toEqual(["reliable", "reliable", "tentative", "unreliable", "undefined"]);
  });
});
