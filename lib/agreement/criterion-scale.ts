import type { TCriterionType, TMeasurementLevel } from "@/lib/rubrics/constants";
import type { TJudgmentValue } from "@/lib/scores/codec";
import type { DeclaredScale, Level, Value } from "./types";

// A rubric criterion as the statistics see it: its declared scale at its own measurement
// level, and how a stored judgment value becomes a value on that scale. Orders come from the
// rubric (a SCALE's levels, a CATEGORICAL's options, the preference ladder), never from
// sorting the values observed. The app's report, disagreements and consensus, and
// `assay agreement`, all read a criterion through this one function.

/** What the scale depends on: a criterion's type, level and type-specific config. */
export interface ScaledCriterion {
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

const choiceOf = (value: TJudgmentValue) =>
  typeof value === "string" ? { choice: value, strength: null } : (value as { choice: string; strength: number | null });

function preferenceScale(level: Level, config: Record<string, unknown>): CriterionScale {
  const allowTie = config.allowTie !== false;
  if (level === "ordinal") {
    // The rubric allows an ordinal preference only with strength; a choice without one
    // (and "both bad") is on no rung of the ladder: missing.
    const values = allowTie ? PREFERENCE_ORDER : PREFERENCE_ORDER.filter((v) => v !== "TIE");
    return {
      kind: "coefficient",
      level,
      scale: { level, values },
      toValue: (value) => {
        const { choice, strength } = choiceOf(value);
        if (choice === "TIE") return "TIE";
        return (choice === "A" || choice === "B") && strength ? `${choice}${strength}` : null;
      },
    };
  }
  const values = ["A", "B", ...(allowTie ? ["TIE"] : []), ...(config.allowBothBad === false ? [] : ["BOTH_BAD"])];
  return { kind: "coefficient", level: "nominal", scale: { level: "nominal", values }, toValue: (value) => choiceOf(value).choice };
}

/**
 * The criterion's declared scale. A BINARY judgment is stored as a boolean (the judgments
 * codec's BOOLEAN), so its values are "true" and "false", as the distribution shows them;
 * anything else stays as it is and the statistics refuse it as off the scale. An ordinal
 * NUMERIC criterion declares no list: `withObservedNumbers` ranks the numbers given.
 */
export function criterionScale(criterion: ScaledCriterion): CriterionScale {
  const { type, config } = criterion;
  if (type === "TEXT" || type === "CORRECTION" || criterion.measurementLevel === "NONE") return { kind: "none" };
  if (type === "MULTI") return { kind: "multi", options: optionValues(config) };
  const level = criterion.measurementLevel.toLowerCase() as Level;
  switch (type) {
    case "BINARY":
      return {
        kind: "coefficient",
        level: "nominal",
        scale: { level: "nominal", values: ["false", "true"] },
        toValue: (v) => (typeof v === "boolean" ? String(v) : (v as Value)),
      };
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
export function withObservedNumbers(scale: DeclaredScale, observed: Iterable<unknown>): DeclaredScale {
  if (scale.level !== "ordinal" || scale.values.length > 0) return scale;
  return { level: "ordinal", values: [...new Set([...observed].filter((v): v is number => typeof v === "number"))].sort((a, b) => a - b) };
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
