// The vocabulary of consensus: which policy, what a criterion declares about its values, and
// the answer, a value with the rule that produced it or `null` with the reason there is none.

export const CONSENSUS_POLICIES = ["unanimous", "majority", "median", "mean"] as const;
export type ConsensusPolicy = (typeof CONSENSUS_POLICIES)[number];

/** A rater's answer: a category, a number, pass/fail, or the options a MULTI criterion selected. */
export type ConsensusValue = string | number | boolean | string[];

/**
 * What the consensus rules need to know about a criterion.
 * - `level`: its measurement level; `multi` for multi-select, `none` for free text (TEXT, CORRECTION).
 * - `order`: ordinal only, every possible value lowest first (the declared order, never a sort).
 * - `step`: interval and ratio, the mean is rounded to a multiple of it (none: not rounded).
 * - `options`: multi only, the declared options; a selection outside them is an error.
 */
export interface ConsensusCriterion {
  level: "nominal" | "ordinal" | "interval" | "ratio" | "multi" | "none";
  order?: readonly (string | number)[];
  step?: number;
  options?: readonly string[];
}

/** `method` names the rule actually applied, which can differ from the policy asked for (see docs/agreement.md). */
export type ConsensusResult = { value: ConsensusValue; method: ConsensusPolicy | "per-option-majority" } | { value: null; reason: string };

/** Values the criterion cannot hold (off the declared order, text at the interval level, …). */
export class ConsensusInputError extends Error {
  readonly code = "validation_failed";
  constructor(message: string) {
    super(message);
    this.name = "ConsensusInputError";
  }
}

export const none = (reason: string): ConsensusResult => ({ value: null, reason: `no consensus: ${reason}` });
