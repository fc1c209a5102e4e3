import type { FieldError } from "@/lib/errors";
import { validateScoreValue } from "@/lib/rubrics/score-value";
import type { TNamedColumns, TScoreColumns } from "@/lib/scores/codec";
import type { TLabelValue, TLabelValues } from "./schemas";

// Turns a rater's answers into score rows. Each answer is checked and typed by the rubric
// module's validateScoreValue, the one validator every score write path goes through, so a
// queue label and an API score of the same criterion accept exactly the same values.

export type CriterionType = "BINARY" | "SCALE" | "CATEGORICAL" | "MULTI" | "NUMERIC" | "TEXT" | "CORRECTION" | "PREFERENCE";

export interface CriterionLike {
  id: string;
  key: string;
  type: CriterionType;
  required: boolean;
  config: unknown;
}

type Result = { ok: true; value: TScoreColumns } | { ok: false; message: string };

export function toScoreValue(criterion: CriterionLike, value: TLabelValue): Result {
  const result = validateScoreValue(criterion, value);
  // Preference answers name the item's traces, not screen sides: say so where it matters.
  if (!result.ok && criterion.type === "PREFERENCE") return { ok: false, message: `${result.message} (A and B are the item's traces, not screen sides)` };
  return result;
}

/** One answer as a score row: its label name (see `labelName`), criterion and columns. */
export type LabelRow = TNamedColumns;

/**
 * Turns the values a rater sent into score rows. Names are criterion keys; on a pairwise item
 * a PREFERENCE criterion answers for the pair (`key`) and any other criterion per side
 * (`key:A`, `key:B`). `complete` demands every required criterion, as a submit does.
 */
export function labelRows(
  criteria: CriterionLike[],
  mode: "SINGLE" | "PAIRWISE",
  values: TLabelValues,
  complete: boolean,
): { rows: LabelRow[]; errors: FieldError[] } {
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
    if (perPair && side)
      errors.push({ path, message: mode === "SINGLE" ? "Only pairwise items have sides" : "A preference answers for the pair: drop the side" });
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
    const answered = new Set(
      Object.keys(values)
        .filter((name) => values[name] !== null)
        .map((name) => name.split(":")[0]),
    );
    for (const c of criteria) {
      const applies = mode === "PAIRWISE" ? c.type === "PREFERENCE" : c.type !== "PREFERENCE";
      if (c.required && applies && !answered.has(c.key)) errors.push({ path: `values.${c.key}`, message: "This criterion is required" });
    }
    if (rows.length === 0 && errors.length === 0) errors.push({ path: "values", message: "Answer at least one criterion" });
  }
  return { rows, errors };
}
