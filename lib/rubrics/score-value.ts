import { type TScoreColumns, booleanColumns, multiColumns, numericColumns, preferenceColumns, textColumns } from "@/lib/scores/codec";
import { PREFERENCE_CHOICES, type TCriterionType, type TPreferenceChoice } from "./constants";
import {
  CONFIG_SCHEMAS,
  type TBinaryConfig,
  type TChoiceConfig,
  type TCorrectionConfig,
  type TMultiConfig,
  type TNumericConfig,
  type TPreferenceConfig,
  type TScaleConfig,
  type TTextConfig,
} from "./schemas";

// Checks one answer against one criterion of a published version and turns it into the
// columns the `scores` table stores, through the judgments codec (`lib/scores/codec.ts`).
// Every path that writes a score with a rubric reference goes through here.

export type TScoreCheck = { ok: true; value: TScoreColumns } | { ok: false; message: string };

export interface TScoredCriterion {
  key: string;
  type: TCriterionType;
  config: unknown;
}

const ok = (value: TScoreColumns): TScoreCheck => ({ ok: true, value });
const num = (numberValue: number): TScoreCheck => ok(numericColumns(numberValue));
const fail = (message: string): TScoreCheck => ({ ok: false, message });
const textOf = (dataType: "TEXT" | "CATEGORICAL", textValue: string): TScoreCheck => ok(textColumns(dataType, textValue));

function binary(config: TBinaryConfig, value: unknown): TScoreCheck {
  // Clients send true/false; 1/0 and the side labels are accepted as the same answer.
  let pass: boolean | null = null;
  if (typeof value === "boolean") pass = value;
  else if (value === 1 || value === 0) pass = value === 1;
  else if (typeof value === "string") pass = value === config.pass.label ? true : value === config.fail.label ? false : null;
  if (pass === null) return fail(`Answer true (${config.pass.label}) or false (${config.fail.label})`);
  return ok(booleanColumns(pass));
}

function scale(config: TScaleConfig, value: unknown): TScoreCheck {
  if (typeof value !== "number" || !config.levels.some((l) => l.value === value)) {
    return fail(`Answer one of the levels ${config.levels.map((l) => l.value).join(", ")}`);
  }
  return num(value);
}

function numeric(config: TNumericConfig, value: unknown): TScoreCheck {
  if (typeof value !== "number" || !Number.isFinite(value)) return fail("Answer a number");
  if (value < config.min || value > config.max) return fail(`Answer a number from ${config.min} to ${config.max}`);
  if (config.step !== null) {
    const steps = (value - config.min) / config.step;
    // Decimal steps (0.1) are inexact in binary floating point: allow rounding noise.
    if (Math.abs(steps - Math.round(steps)) > 1e-9 * Math.max(1, Math.abs(steps))) return fail(`Answer in steps of ${config.step} from ${config.min}`);
  }
  return num(value);
}

function categorical(config: TChoiceConfig, value: unknown): TScoreCheck {
  if (typeof value !== "string" || !config.options.some((o) => o.value === value)) {
    return fail(`Answer one of ${config.options.map((o) => o.value).join(", ")}`);
  }
  return textOf("CATEGORICAL", value);
}

function multi(config: TMultiConfig, value: unknown): TScoreCheck {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) return fail("Answer a list of option values");
  const known = new Set(config.options.map((o) => o.value));
  const unknown = value.filter((v) => !known.has(v));
  if (unknown.length > 0) return fail(`Unknown options: ${unknown.join(", ")}`);
  if (new Set(value).size !== value.length) return fail("Each option may be chosen once");
  const max = config.maxSelected ?? config.options.length;
  if (value.length < config.minSelected || value.length > max) return fail(`Choose from ${config.minSelected} to ${max} options`);
  // Stored in the options' order, so equal answers compare equal.
  const ordered = config.options.map((o) => o.value).filter((v) => value.includes(v));
  return ok(multiColumns(ordered));
}

function freeText(config: TTextConfig | TCorrectionConfig, value: unknown): TScoreCheck {
  if (typeof value !== "string" || value.trim() === "") return fail("Answer a non-empty text");
  if (value.length > config.maxLength) return fail(`Write at most ${config.maxLength} characters`);
  return textOf("TEXT", value);
}

function preference(config: TPreferenceConfig, value: unknown): TScoreCheck {
  const raw = typeof value === "string" ? { choice: value } : value;
  if (!raw || typeof raw !== "object") return fail("Answer A, B, TIE or BOTH_BAD");
  const { choice, strength } = raw as { choice?: unknown; strength?: unknown };
  const allowed = PREFERENCE_CHOICES.filter((c) => (c !== "TIE" || config.allowTie) && (c !== "BOTH_BAD" || config.allowBothBad));
  if (typeof choice !== "string" || !(allowed as string[]).includes(choice)) return fail(`Answer ${allowed.join(", ")}`);
  const c = choice as TPreferenceChoice;
  if (!config.strength) {
    if (strength !== undefined && strength !== null) return fail("This criterion has no strength");
    return textOf("CATEGORICAL", c);
  }
  const decisive = c === "A" || c === "B";
  if (decisive && (typeof strength !== "number" || ![1, 2, 3].includes(strength))) return fail("Give a strength of 1, 2 or 3");
  if (!decisive && strength !== undefined && strength !== null) return fail("A tie or both bad has no strength");
  return ok(preferenceColumns({ choice: c, strength: decisive ? (strength as number) : null }));
}

export function validateScoreValue(criterion: TScoredCriterion, value: unknown): TScoreCheck {
  const parsed = CONFIG_SCHEMAS[criterion.type].safeParse(criterion.config);
  if (!parsed.success) return fail(`The criterion "${criterion.key}" has an unreadable definition`);
  const config = parsed.data as never;
  switch (criterion.type) {
    case "BINARY":
      return binary(config, value);
    case "SCALE":
      return scale(config, value);
    case "NUMERIC":
      return numeric(config, value);
    case "CATEGORICAL":
      return categorical(config, value);
    case "MULTI":
      return multi(config, value);
    case "TEXT":
    case "CORRECTION":
      return freeText(config, value);
    case "PREFERENCE":
      return preference(config, value);
  }
}
