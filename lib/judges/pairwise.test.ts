import { describe, expect, it } from "vitest";
import { type TPairwiseAnswers, combineOrders, positionFigures, unswap } from "./pairwise";

describe("a pairwise verdict from both orders", () => {
  it("maps the swapped answer back to the stored traces: shown second, stored A is named B", () => {
    expect(unswap("A")).toBe("B");
    expect(unswap("B")).toBe("A");
    expect(unswap("TIE")).toBe("TIE");
    expect(unswap("BOTH_BAD")).toBe("BOTH_BAD");
    expect(unswap({ choice: "B", strength: 3 })).toEqual({ choice: "A", strength: 3 });
  });

  it("is the verdict when both orders prefer the same stored trace", () => {
    // Stored A wins: "A" shown in order, "B" when stored A was shown second.
    expect(combineOrders("A", "B")).toEqual({ kind: "verdict", value: "A" });
    expect(combineOrders("B", "A")).toEqual({ kind: "verdict", value: "B" });
    expect(combineOrders("TIE", "TIE")).toEqual({ kind: "verdict", value: "TIE" });
    expect(combineOrders("BOTH_BAD", "BOTH_BAD")).toEqual({ kind: "verdict", value: "BOTH_BAD" });
  });

  it("is inconsistent when the verdict follows the position, and counts for neither side", () => {
    // The first shown wins both times: stored A, then stored B.
    expect(combineOrders("A", "A")).toEqual({ kind: "inconsistent", forward: "A", swapped: "A" });
    expect(combineOrders("B", "B")).toMatchObject({ kind: "inconsistent" });
    expect(combineOrders("A", "TIE")).toMatchObject({ kind: "inconsistent" });
    expect(combineOrders({ choice: "A", strength: 2 }, { choice: "A", strength: 2 })).toMatchObject({ kind: "inconsistent" });
  });

  it("keeps the strength both orders support: the weaker of the two", () => {
    expect(combineOrders({ choice: "A", strength: 3 }, { choice: "B", strength: 1 })).toEqual({ kind: "verdict", value: { choice: "A", strength: 1 } });
    expect(combineOrders({ choice: "TIE", strength: null }, { choice: "TIE", strength: null })).toEqual({
      kind: "verdict",
      value: { choice: "TIE", strength: null },
    });
  });
});

describe("position figures over a set", () => {
  it("counts consistent items, first-position picks among decisive answers, and ties", () => {
    const answers: TPairwiseAnswers[] = [
      { forward: "A", swapped: "B" }, // consistent, stored A; picks: first, second
      { forward: "A", swapped: "A" }, // inconsistent; picks: first, first
      { forward: "B", swapped: "A" }, // consistent, stored B; picks: second, first
      { forward: "TIE", swapped: "TIE" }, // consistent tie; no decisive pick
      { forward: "A", swapped: "TIE" }, // inconsistent; picks: first
    ];
    expect(positionFigures(answers)).toEqual({
      items: 5,
      consistent: 3,
      positionConsistency: 0.6,
      decisiveAnswers: 7,
      firstPositionPickRate: 5 / 7,
      tieRate: 1 / 3,
    });
  });

  it("is null, not 0, with nothing to count", () => {
    expect(positionFigures([])).toEqual({ items: 0, consistent: 0, positionConsistency: null, decisiveAnswers: 0, firstPositionPickRate: null, tieRate: null });
    expect(positionFigures([{ forward: "TIE", swapped: "TIE" }]).firstPositionPickRate).toBeNull();
  });
});
