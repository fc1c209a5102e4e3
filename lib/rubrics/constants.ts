// Criterion types, measurement levels and limits: shared by the schemas, the rules and the UI.

export const CRITERION_TYPES = ["BINARY", "SCALE", "CATEGORICAL", "MULTI", "NUMERIC", "TEXT", "CORRECTION", "PREFERENCE"] as const;
export const MEASUREMENT_LEVELS = ["NOMINAL", "ORDINAL", "INTERVAL", "RATIO", "NONE"] as const;
export type TCriterionType = (typeof CRITERION_TYPES)[number];
export type TMeasurementLevel = (typeof MEASUREMENT_LEVELS)[number];

/** The level agreement statistics use unless the admin says otherwise. */
export const DEFAULT_LEVEL: Record<TCriterionType, TMeasurementLevel> = {
  BINARY: "NOMINAL",
  SCALE: "ORDINAL",
  CATEGORICAL: "NOMINAL",
  MULTI: "NOMINAL",
  NUMERIC: "INTERVAL",
  TEXT: "NONE",
  CORRECTION: "NONE",
  PREFERENCE: "NOMINAL",
};

/** Levels that make sense for each type; free text takes part in no agreement figure. */
export const ALLOWED_LEVELS: Record<TCriterionType, readonly TMeasurementLevel[]> = {
  BINARY: ["NOMINAL"],
  SCALE: ["ORDINAL", "INTERVAL"],
  CATEGORICAL: ["NOMINAL", "ORDINAL"],
  MULTI: ["NOMINAL"],
  NUMERIC: ["INTERVAL", "RATIO", "ORDINAL"],
  TEXT: ["NONE"],
  CORRECTION: ["NONE"],
  PREFERENCE: ["NOMINAL", "ORDINAL"],
};

export const MAX_SCALE_LEVELS = 11;
export const MAX_TEXT_LENGTH = 20_000;
export const PREFERENCE_CHOICES = ["A", "B", "TIE", "BOTH_BAD"] as const;
export type TPreferenceChoice = (typeof PREFERENCE_CHOICES)[number];
export const PREFERENCE_STRENGTHS = [
  { value: 1, label: "Slightly better" },
  { value: 2, label: "Clearly better" },
  { value: 3, label: "Much better" },
] as const;
