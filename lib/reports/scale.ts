import type { DeclaredScale, Level, Value } from "@/lib/agreement";
import type { TCriterionType, TMeasurementLevel } from "@/lib/rubrics/constants";
import type { TJudgmentValue } from "@/lib/scores/codec";

// A criterion as the agreement statistics see it: its level (always the criterion's own
// measurement level) and its declared scale, so order comes from the rubric and never from
// sorting the values observed. Pure.

export interface CriterionRow {
  id: string;
  key: string;
  label: string;
  type: TCriterionType;
  measurementLevel: TMeasurementLevel;
  config: Record<string, unknown>;
}

export type CriterionScale =
  | { kind: "coefficient"; level: Level; scale: DeclaredScale; toValue: (value: TJudgmentValue) => Value | null }
  | { kind: "multi"; options: string[] }
  | { kind: "none" };

/** Ordinal preference: B by strength 3 is the lowest, A by strength 3 the highest; BOTH_BAD is off the scale (missing). */
export const PREFERENCE_ORDER = ["B3", "B2", "B1", "TIE", "A1", "A2", "A3"] as const;

const optionValues = (config: Record<string, unknown>): string[] => ((config.options as { value: string }[] | undefined) ?? []).map((o) => o.value);

function preferenceScale(level: Level, config: Record<string, unknown>): CriterionScale {
  if (level === "ordinal") {
    return {
      kind: "coefficient",
      level,
      scale: { level, values: PREFERENCE_ORDER },
      toValue: (value) => {
        if (typeof value === "string") return value === "TIE" ? "TIE" : null;
        const { choice, strength } = value as { choice: string; strength: number | null };
        if (choice === "TIE") return "TIE";
        if ((choice === "A" || choice === "B") && strength) return `${choice}${strength}`;
        return null;
      },
    };
  }
  const values = ["A", "B", ...(config.allowTie === false ? [] : ["TIE"]), ...(config.allowBothBad === false ? [] : ["BOTH_BAD"])];
  return {
    kind: "coefficient",
    level: "nominal",
    scale: { level: "nominal", values },
    toValue: (value) => (typeof value === "string" ? value : (value as { choice: string }).choice),
  };
}

export function criterionScale(criterion: CriterionRow): CriterionScale {
  const { type, config } = criterion;
  if (type === "TEXT" || type === "CORRECTION" || criterion.measurementLevel === "NONE") return { kind: "none" };
  if (type === "MULTI") return { kind: "multi", options: optionValues(config) };
  const level = criterion.measurementLevel.toLowerCase() as Level;
  switch (type) {
    case "BINARY":
      return { kind: "coefficient", level: "nominal", scale: { level: "nominal", values: ["false", "true"] }, toValue: (v) => String(v === true) };
    case "SCALE": {
      const values = ((config.levels as { value: number }[] | undefined) ?? []).map((l) => l.value);
      return { kind: "coefficient", level, scale: { level, values } as DeclaredScale, toValue: (v) => v as number };
    }
    case "CATEGORICAL": {
      const values = optionValues(config);
      return { kind: "coefficient", level, scale: level === "ordinal" ? { level, values } : { level: "nominal", values }, toValue: (v) => v as string };
    }
    case "NUMERIC":
      // A number's order is its own; interval and ratio are continuous (no declared list).
      return {
        kind: "coefficient",
        level,
        scale: level === "ordinal" ? { level, values: [] } : { level: level as "interval" | "ratio" },
        toValue: (v) => v as number,
      };
    case "PREFERENCE":
      return preferenceScale(level, config);
    default:
      return { kind: "none" };
  }
}

/** An ordinal NUMERIC criterion ranks the numbers given, lowest first. */
export function withObservedNumbers(scale: DeclaredScale, observed: Iterable<Value>): DeclaredScale {
  if (scale.level !== "ordinal" || scale.values.length > 0) return scale;
  return { level: "ordinal", values: [...new Set(observed)].sort((a, b) => (a as number) - (b as number)) };
}

/** A value as the distribution and the labels side by side show it. */
export const displayValue = (value: TJudgmentValue): string =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? value.strength
      ? `${value.choice}${value.strength}`
      : value.choice
    : Array.isArray(value)
      ? value.join(", ")
      : String(value);
