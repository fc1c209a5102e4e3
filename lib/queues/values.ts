import type { FieldError } from "../errors";
import type { TLabelValue, TLabelValues } from "./schemas";

// Maps a rater's answer to the typed score columns (the scores_typed_value CHECK), by the
// criterion's type and config. One entry point, `toScoreValue`, so the rubric module's
// validator can take its place without touching the callers.

export type CriterionType = "BINARY" | "SCALE" | "CATEGORICAL" | "MULTI" | "NUMERIC" | "TEXT" | "CORRECTION" | "PREFERENCE";

export interface CriterionLike {
  id: string;
  key: string;
  type: CriterionType;
  required: boolean;
  config: unknown;
}

export interface TypedValue {
  dataType: "NUMERIC" | "BOOLEAN" | "CATEGORICAL" | "MULTI" | "TEXT";
  numberValue: number | null;
  textValue: string | null;
  jsonValue: string[] | null;
}

type Result = { ok: true; value: TypedValue } | { ok: false; message: string };

const DEFAULT_TEXT_LIMIT = 20_000;

function record(config: unknown): Record<string, unknown> {
  return config && typeof config === "object" && !Array.isArray(config) ? (config as Record<string, unknown>) : {};
}

function optionValues(config: unknown): string[] {
  const options = record(config).options;
  if (!Array.isArray(options)) return [];
  return options.map((o) => (o && typeof o === "object" ? String((o as { value?: unknown }).value) : String(o)));
}

function finite(n: unknown): number | undefined {
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

const fail = (message: string): Result => ({ ok: false, message });
const number = (dataType: "NUMERIC" | "BOOLEAN", n: number): Result => ({ ok: true, value: { dataType, numberValue: n, textValue: null, jsonValue: null } });
const text = (dataType: "CATEGORICAL" | "TEXT", s: string): Result => ({ ok: true, value: { dataType, numberValue: null, textValue: s, jsonValue: null } });

export function toScoreValue(criterion: CriterionLike, value: TLabelValue): Result {
  const config = record(criterion.config);
  switch (criterion.type) {
    case "BINARY":
      if (typeof value !== "boolean") return fail("Answer true or false");
      return number("BOOLEAN", value ? 1 : 0);
    case "SCALE": {
      if (typeof value !== "number" || !Number.isInteger(value)) return fail("Answer a whole number on the scale");
      const levels = Array.isArray(config.levels) ? config.levels.map((l) => finite((l as { value?: unknown })?.value)).filter((v) => v !== undefined) : [];
      if (levels.length > 0 && !levels.includes(value)) return fail(`Answer one of ${levels.join(", ")}`);
      const min = finite(config.min);
      const max = finite(config.max);
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) return fail(`Answer between ${min} and ${max}`);
      return number("NUMERIC", value);
    }
    case "NUMERIC": {
      if (typeof value !== "number" || !Number.isFinite(value)) return fail("Answer a number");
      const min = finite(config.min);
      const max = finite(config.max);
      if (min !== undefined && value < min) return fail(`Answer at least ${min}`);
      if (max !== undefined && value > max) return fail(`Answer at most ${max}`);
      return number("NUMERIC", value);
    }
    case "CATEGORICAL": {
      if (typeof value !== "string") return fail("Answer one option");
      if (!optionValues(config).includes(value)) return fail("Answer one of the criterion's options");
      return text("CATEGORICAL", value);
    }
    case "MULTI": {
      if (!Array.isArray(value)) return fail("Answer a list of options");
      const allowed = optionValues(config);
      if (value.some((v) => !allowed.includes(v))) return fail("Answer only the criterion's options");
      if (new Set(value).size !== value.length) return fail("Give each option once");
      return { ok: true, value: { dataType: "MULTI", numberValue: null, textValue: null, jsonValue: value } };
    }
    case "TEXT":
    case "CORRECTION": {
      if (typeof value !== "string" || value.trim() === "") return fail("Answer with some text");
      const limit = finite(config.maxLength) ?? DEFAULT_TEXT_LIMIT;
      if (value.length > limit) return fail(`Use at most ${limit} characters`);
      return text("TEXT", value);
    }
    case "PREFERENCE": {
      const allowed = config.allowTie === false ? ["A", "B"] : ["A", "B", "tie"];
      if (typeof value !== "string" || !allowed.includes(value)) return fail(`Answer ${allowed.join(", ")} (A and B are the item's traces, not screen sides)`);
      return text("CATEGORICAL", value);
    }
  }
}

export interface LabelRow {
  name: string;
  criterionId: string;
  value: TypedValue;
}

/**
 * Turns the values a rater sent into score rows. Names are criterion keys; on a pairwise item
 * a PREFERENCE criterion answers for the pair (`key`) and any other criterion per side
 * (`key:A`, `key:B`). `complete` demands every required criterion, as a submit does.
 */
export function labelRows(criteria: CriterionLike[], mode: "SINGLE" | "PAIRWISE", values: TLabelValues, complete: boolean): { rows: LabelRow[]; errors: FieldError[] } {
  const byKey = new Map(criteria.map((c) => [c.key, c]));
  const rows: LabelRow[] = [];
  const errors: FieldError[] = [];
  for (const [name, raw] of Object.entries(values)) {
    const [key, side] = name.split(":");
    const criterion = byKey.get(key);
    const path = `values.${name}`;
    if (!criterion) {
      errors.push({ path, message: "No such criterion in this rubric version" });
      continue;
    }
    const perPair = mode === "SINGLE" || criterion.type === "PREFERENCE";
    if (perPair && side) errors.push({ path, message: mode === "SINGLE" ? "Only pairwise items have sides" : "A preference answers for the pair: drop the side" });
    else if (!perPair && !side) errors.push({ path, message: "On a pairwise item, answer this criterion per side: key:A or key:B" });
    else if (mode === "SINGLE" && criterion.type === "PREFERENCE") errors.push({ path, message: "A preference needs a pairwise item" });
    else if (raw === null) continue;
    else {
      const result = toScoreValue(criterion, raw);
      if (result.ok) rows.push({ name, criterionId: criterion.id, value: result.value });
      else errors.push({ path, message: result.message });
    }
  }
  if (complete) {
    // A wrong answer is reported as wrong, not also as missing.
    const answered = new Set(Object.keys(values).filter((name) => values[name] !== null).map((name) => name.split(":")[0]));
    for (const c of criteria) {
      const applies = mode === "PAIRWISE" ? c.type === "PREFERENCE" : c.type !== "PREFERENCE";
      if (c.required && applies && !answered.has(c.key)) errors.push({ path: `values.${c.key}`, message: "This criterion is required" });
    }
    if (rows.length === 0 && errors.length === 0) errors.push({ path: "values", message: "Answer at least one criterion" });
  }
  return { rows, errors };
}
