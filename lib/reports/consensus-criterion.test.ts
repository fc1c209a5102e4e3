import { describe, expect, it } from "vitest";
import { consensusOf } from "@/lib/consensus";
import { consensusShape, policyOf } from "./consensus-criterion";
import type { CriterionRow } from "./scale";

const criterion = (type: CriterionRow["type"], measurementLevel: CriterionRow["measurementLevel"], config: Record<string, unknown>): CriterionRow => ({
  id: "c",
  key: "k",
  label: "K",
  type,
  measurementLevel,
  config,
});

describe("a criterion as the consensus rules see it", () => {
  it("rounds an interval NUMERIC mean to the criterion's step", () => {
    const shape = consensusShape(criterion("NUMERIC", "INTERVAL", { min: 0, max: 10, step: 0.5 }));
    expect(shape.criterion).toEqual({ level: "interval", step: 0.5 });
    expect(consensusOf(policyOf("MEAN"), shape.criterion, [1, 2, 2])).toEqual({ value: 1.5, method: "mean" });
  });

  it("takes the median of an ordinal preference on its ladder and answers it as a preference", () => {
    const shape = consensusShape(criterion("PREFERENCE", "ORDINAL", { allowTie: true, allowBothBad: true, strength: true }));
    const values = [{ choice: "A", strength: 3 }, { choice: "A", strength: 1 }, "BOTH_BAD", { choice: "B", strength: 2 }]
      .map((v) => shape.toValue(v as never))
      .filter((v) => v !== null);
    expect(values).toEqual(["A3", "A1", "B2"]);
    const result = consensusOf(policyOf("MEDIAN"), shape.criterion, values);
    expect(result).toEqual({ value: "A1", method: "median" });
    expect(shape.fromValue("A1")).toEqual({ choice: "A", strength: 1 });
  });

  it("orders an ordinal CATEGORICAL by its options and leaves free text to adjudication", () => {
    const shape = consensusShape(criterion("CATEGORICAL", "ORDINAL", { options: ["poor", "fair", "good"].map((value) => ({ value })) }));
    expect(consensusOf("median", shape.criterion, ["good", "poor", "fair"])).toEqual({ value: "fair", method: "median" });
    expect(consensusShape(criterion("TEXT", "NONE", {})).criterion).toEqual({ level: "none" });
  });
});
