import type { TCriterionType } from "@/lib/rubrics/constants";
import { PREFERENCE_STRENGTHS } from "@/lib/rubrics/constants";
import { CONFIG_SCHEMAS, type TBinaryConfig, type TChoiceConfig, type TNumericConfig, type TPreferenceConfig, type TScaleConfig } from "@/lib/rubrics/schemas";
import { type TTemplateValues, stableJson } from "./template";

// What fills `{{criterion}}` and `{{examples}}`: the rubric's own words, so the judge reads
// what the experts read (the question, the guidance, every level's anchored description and
// its exemplars), and the values it must answer with, as the answer schema names them.

export interface TJudgedCriterion {
  key: string;
  label: string;
  question?: string;
  guidance?: string;
  type: TCriterionType;
  config: unknown;
}

const line = (label: string, text: string | undefined) => (text ? [`${label}: ${text}`] : []);

function levelsText(type: TCriterionType, config: unknown): string[] {
  switch (type) {
    case "BINARY": {
      const { pass, fail } = config as TBinaryConfig;
      return [`Answer true for "${pass.label}": ${pass.description}`, `Answer false for "${fail.label}": ${fail.description}`];
    }
    case "SCALE":
      return (config as TScaleConfig).levels.flatMap((level) => [
        `${level.value} (${level.label}): ${level.description}`,
        ...level.exemplars.map((e) => `  Example of ${level.value}: ${e.text}${e.note ? ` (${e.note})` : ""}`),
      ]);
    case "CATEGORICAL":
      return (config as TChoiceConfig).options.map((o) => `${o.value} (${o.label})${o.description ? `: ${o.description}` : ""}`);
    case "NUMERIC": {
      const { min, max, step, unit } = config as TNumericConfig;
      return [`A number from ${min} to ${max}${step ? ` in steps of ${step}` : ""}${unit ? `, in ${unit}` : ""}`];
    }
    case "PREFERENCE": {
      const { allowTie, allowBothBad, strength } = config as TPreferenceConfig;
      return [
        "A: output A is better",
        "B: output B is better",
        ...(allowTie ? ["TIE: both are equally good"] : []),
        ...(allowBothBad ? ["BOTH_BAD: neither is acceptable"] : []),
        ...(strength ? [`With A or B, a strength: ${PREFERENCE_STRENGTHS.map((s) => `${s.value} (${s.label})`).join(", ")}`] : []),
      ];
    }
    default:
      return [];
  }
}

/** The criterion as the judge reads it. The config must be valid for the type (a published rubric's is). */
export function criterionText(criterion: TJudgedCriterion): string {
  const config = CONFIG_SCHEMAS[criterion.type].parse(criterion.config);
  return [
    `Criterion: ${criterion.label}`,
    ...line("Question", criterion.question),
    ...line("Guidance", criterion.guidance),
    "Values:",
    // Exemplars are indented under their level; every value is a list entry.
    ...levelsText(criterion.type, config).map((l) => (l.startsWith("  ") ? l : `- ${l}`)),
  ].join("\n");
}

/** One calibration example: a target's inputs and outputs, the people's value and why. */
export interface TCalibrationExample {
  input?: unknown;
  output?: unknown;
  output_a?: unknown;
  output_b?: unknown;
  value: unknown;
  note?: string;
}

const field = (label: string, value: unknown) => (value === undefined ? [] : [`${label}:`, typeof value === "string" ? value : stableJson(value)]);

/** The examples as numbered blocks; none gives the empty string, so a template may always use `{{examples}}`. */
export function examplesText(examples: readonly TCalibrationExample[]): string {
  return examples
    .map((e, i) =>
      [
        `Example ${i + 1}`,
        ...field("Input", e.input),
        ...field("Output", e.output),
        ...field("Output A", e.output_a),
        ...field("Output B", e.output_b),
        `Expert answer: ${stableJson(e.value)}`,
        ...line("Why", e.note),
      ].join("\n"),
    )
    .join("\n\n");
}

/** The slots the rubric fills, beside the target's own values. */
export const rubricValues = (criterion: TJudgedCriterion, examples: readonly TCalibrationExample[]): Pick<TTemplateValues, "criterion" | "examples"> => ({
  criterion: criterionText(criterion),
  examples: examplesText(examples),
});
