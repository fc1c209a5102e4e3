import type { TJudgmentValue } from "@/lib/scores/codec";

// Which human value a judge is held against, per item. The policy is the reader's choice in
// the report, and each one answers a different question: gold (is the judge right?),
// consensus (does it agree with the experts as a group?), any single rater (is it as good as
// one expert?), one named rater (does it agree with this expert?).

export const REFERENCE_POLICIES = ["gold", "consensus", "any", "rater"] as const;
export type TReferencePolicy = { kind: "gold" } | { kind: "consensus" } | { kind: "any" } | { kind: "rater"; rater: string };

/** What people said about one item, for one criterion. */
export interface THumanEvidence {
  /** The item's gold value (adjudicated, else the reference answer), when it has one. */
  gold?: TJudgmentValue | null;
  /** The consensus value, when the ratings reached one. */
  consensus?: TJudgmentValue | null;
  /** Each rater's rating (first revisions), earliest first. */
  ratings: readonly { rater: string; value: TJudgmentValue }[];
}

export interface TReference {
  value: TJudgmentValue;
  /** Where it came from: `gold`, `consensus` or the rater's name. */
  from: string;
}

/**
 * The reference value of one item under a policy, or null when the item has none. "Any
 * single rater" takes the earliest rating, so the same data always gives the same reference.
 */
export function pickReference(evidence: THumanEvidence, policy: TReferencePolicy): TReference | null {
  switch (policy.kind) {
    case "gold":
      return evidence.gold == null ? null : { value: evidence.gold, from: "gold" };
    case "consensus":
      return evidence.consensus == null ? null : { value: evidence.consensus, from: "consensus" };
    case "any": {
      const first = evidence.ratings[0];
      return first ? { value: first.value, from: first.rater } : null;
    }
    case "rater": {
      const rating = evidence.ratings.find((r) => r.rater === policy.rater);
      return rating ? { value: rating.value, from: rating.rater } : null;
    }
  }
}

/** The reference of every item that has one, as the comparison takes it. */
export function referenceValues(evidence: ReadonlyMap<string, THumanEvidence>, policy: TReferencePolicy): { item: string; value: TJudgmentValue }[] {
  const out: { item: string; value: TJudgmentValue }[] = [];
  for (const [item, e] of evidence) {
    const reference = pickReference(e, policy);
    if (reference) out.push({ item, value: reference.value });
  }
  return out;
}
