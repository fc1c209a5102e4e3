// Inter-rater agreement: pure statistics over ratings and a declared scale. The app's report,
// consensus and adjudication, and `assay agreement`, all compute through this module.

export { type AlphaResult, coincidenceMatrix, krippendorffAlpha } from "./alpha";
export { type AlphaInterval, DEFAULT_MINIMUM, type IntervalOptions, MIN_RESAMPLES, alphaWithInterval, percentileInterval, resampleItems } from "./bootstrap";
export { type CriterionScale, PREFERENCE_ORDER, type ScaledCriterion, criterionScale, displayValue, withObservedNumbers } from "./criterion-scale";
export { type GroupedRatings, type ReliabilityData, tabulate, tabulateGrouped } from "./data";
export { type ItemDisagreement, disagreementByItem } from "./disagreement";
export { type QueueLabel, agreementByCriterion } from "./from-labels";
export { type KappaWeights, type RaterPair, cohenKappa, contingency, pairwiseKappa, tableKappa, weightedKappa } from "./kappa";
export { type MultiAgreement, type MultiRating, multiAgreement } from "./multi";
export { fleissKappa, gwetAC1, percentAgreement } from "./multirater";
export { mulberry32 } from "./random";
export { agreementSummary } from "./summary";
export { AgreementInputError, type DeclaredScale, LEVELS, type Level, type Rating, type Stat, type Value } from "./types";
