import { describe, expect, it } from "vitest";
import { type THumanEvidence, pickReference, referenceValues } from "./reference";

const evidence: THumanEvidence = {
  gold: 3,
  consensus: 2,
  ratings: [
    { rater: "ann", value: 2 },
    { rater: "bob", value: 4 },
  ],
};

describe("the human reference of an item", () => {
  it("follows the policy: gold, consensus, the earliest rating, or one named rater", () => {
    expect(pickReference(evidence, { kind: "gold" })).toEqual({ value: 3, from: "gold" });
    expect(pickReference(evidence, { kind: "consensus" })).toEqual({ value: 2, from: "consensus" });
    expect(pickReference(evidence, { kind: "any" })).toEqual({ value: 2, from: "ann" });
    expect(pickReference(evidence, { kind: "rater", rater: "bob" })).toEqual({ value: 4, from: "bob" });
  });

  it("is null when the item has nothing under the policy, never another policy's value", () => {
    const bare: THumanEvidence = { gold: null, ratings: [] };
    for (const policy of [{ kind: "gold" }, { kind: "consensus" }, { kind: "any" }, { kind: "rater", rater: "ann" }] as const)
      expect(pickReference(bare, policy)).toBeNull();
    expect(pickReference(evidence, { kind: "rater", rater: "cyd" })).toBeNull();
    // A false gold value is a value.
    expect(pickReference({ gold: false, ratings: [] }, { kind: "gold" })).toEqual({ value: false, from: "gold" });
  });

  it("lists the items that have a reference, as the comparison takes them", () => {
    const all = new Map<string, THumanEvidence>([
      ["t1", evidence],
      ["t2", { ratings: [{ rater: "bob", value: 1 }] }],
      ["t3", { gold: 5, ratings: [] }],
    ]);
    expect(referenceValues(all, { kind: "rater", rater: "bob" })).toEqual([
      { item: "t1", value: 4 },
      { item: "t2", value: 1 },
    ]);
    expect(referenceValues(all, { kind: "gold" })).toEqual([
      { item: "t1", value: 3 },
      { item: "t3", value: 5 },
    ]);
  });
});
