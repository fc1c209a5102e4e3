import type { TCriterion } from "@/lib/rubrics/schemas";
import type { DeclaredScale, Value } from "./types";

// A rubric criterion as the statistics see it: its declared scale at its own measurement
// level, and how a stored label value becomes a value on that scale. Orders come from the
// rubric (a SCALE's levels, a CATEGORICAL's options, the preference ladder), never from the
// values observed.

export type CriterionScale =
  { kind: "scale"; scale: DeclaredScale; toValue: (stored: unknown) => Value | null } | { kind: "multi"; options: string[] } | { kind: "text" };

const PREFERENCE_LADDER = ["B3", "B2", "B1", "TIE", "A1", "A2", "A3"];

function preference(config: { allowTie: boolean; allowBothBad: boolean; strength: boolean }, ordinal: boolean): CriterionScale {
  const choiceOf = (stored: unknown) =>
    typeof stored === "string" ? { choice: stored, strength: null } : (stored as { choice: string; strength: number | null });
  if (!ordinal) {
    const values = ["A", "B", ...(config.allowTie ? ["TIE"] : []), ...(config.allowBothBad ? ["BOTH_BAD"] : [])];
    return { kind: "scale", scale: { level: "nominal", values }, toValue: (stored) => choiceOf(stored).choice };
  }
  // B much better (B3) < … < TIE < … < A much better (A3); the rubric allows an ordinal
  // preference only with strength. "Both bad" is on no side of the ladder: missing.
  const values = config.allowTie ? PREFERENCE_LADDER : PREFERENCE_LADDER.filter((v) => v !== "TIE");
  const toValue = (stored: unknown) => {
    const { choice, strength } = choiceOf(stored);
    if (choice === "BOTH_BAD") return null;
    return choice === "TIE" ? choice : `${choice}${strength ?? ""}`;
  };
  return { kind: "scale", scale: { level: "ordinal", values }, toValue };
}

/**
 * The criterion's declared scale; numbers stay numbers, pass/fail become "pass" and "fail".
 * An ordinal NUMERIC criterion is ordered by its numbers, the one order it declares: its
 * scale is the `observed` numbers in numeric order.
 */
export function criterionScale(criterion: TCriterion, observed: readonly unknown[] = []): CriterionScale {
  const level = criterion.measurementLevel.toLowerCase();
  const asIs = (stored: unknown) => stored as Value;
  switch (criterion.type) {
    case "TEXT":
    case "CORRECTION":
      return { kind: "text" };
    case "MULTI":
      return { kind: "multi", options: criterion.config.options.map((o) => o.value) };
    case "BINARY":
      return {
        kind: "scale",
        scale: { level: "nominal", values: ["fail", "pass"] },
        toValue: (stored) => (stored === true ? "pass" : stored === false ? "fail" : (stored as Value)),
      };
    case "SCALE":
      return { kind: "scale", scale: { level: level as "ordinal" | "interval", values: criterion.config.levels.map((l) => l.value) }, toValue: asIs };
    case "CATEGORICAL":
      return { kind: "scale", scale: { level: level as "nominal" | "ordinal", values: criterion.config.options.map((o) => o.value) }, toValue: asIs };
    case "NUMERIC":
      if (level !== "ordinal") return { kind: "scale", scale: { level: level as "interval" | "ratio" }, toValue: asIs };
      return {
        kind: "scale",
        scale: { level: "ordinal", values: [...new Set(observed.filter((v): v is number => typeof v === "number"))].sort((a, b) => a - b) },
        toValue: asIs,
      };
    case "PREFERENCE":
      return preference(criterion.config, level === "ordinal");
  }
}
