import type { Tx } from "@/lib/db/client";
import type { CriterionType } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { resolveRubricReference } from "@/lib/rubrics/reference";
import { validateScoreValue } from "@/lib/rubrics/score-value";
import type { TScoreColumns } from "./codec";
import type { TRubricRef } from "./schemas";

// Scores written through the API resolve their rubric reference and check their value with
// the rubric module, like every other score write path; this adapter only names the
// per-item error codes of the score API.

export interface RubricScore {
  rubricVersionId: string;
  criterionId: string;
  type: CriterionType;
  columns: TScoreColumns;
}

const CODE_BY_PATH: Record<string, "rubric_not_found" | "criterion_not_found"> = {
  "rubric.rubric": "rubric_not_found",
  "rubric.version": "rubric_not_found",
  "rubric.criterion": "criterion_not_found",
};

/** slug + published version (latest when omitted) + criterion key, and the value checked against that criterion. */
export async function resolveRubricScore(db: Tx, projectId: string, ref: TRubricRef, value: unknown): Promise<RubricScore> {
  let resolved: Awaited<ReturnType<typeof resolveRubricReference>>;
  try {
    resolved = await resolveRubricReference(db, projectId, ref);
  } catch (error) {
    const code = error instanceof AppError ? CODE_BY_PATH[error.fieldErrors?.[0]?.path ?? ""] : undefined;
    if (code) throw new AppError(code, (error as AppError).message);
    throw error;
  }
  const check = validateScoreValue(resolved.criterion, value);
  if (!check.ok) throw new AppError("invalid_value", `"${ref.criterion}": ${check.message}`);
  return { rubricVersionId: resolved.rubricVersionId, criterionId: resolved.criterion.id, type: resolved.criterion.type, columns: check.value };
}
