// Consensus: the label of an item by the queue's policy, and each rater against the others.
// Pure (values in, values out): the app's consensus API, the experts view and the agreement
// report compute through it. The rules and their edge cases: docs/agreement.md#consensus.

export { consensusOf } from "./consensus";
export { type ConsensusUnit, type RaterFigures, raterFigures } from "./figures";
export { CONSENSUS_POLICIES, type ConsensusCriterion, ConsensusInputError, type ConsensusPolicy, type ConsensusResult, type ConsensusValue } from "./types";
