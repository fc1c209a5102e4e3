import type { FieldError } from "../errors";
import { AppError } from "../errors";
import type { TLabelValues } from "./schemas";
import type { Sql } from "./sql";
import { type CriterionLike, type LabelRow, labelRows } from "./values";

export async function loadCriteria(sql: Sql, projectId: string, rubricVersionId: string): Promise<CriterionLike[]> {
  const { rows } = await sql.query(
    `SELECT id, key, type, required, config FROM criteria WHERE project_id = $1 AND rubric_version_id = $2 ORDER BY position`,
    [projectId, rubricVersionId],
  );
  return rows as CriterionLike[];
}

/** The values as score rows, or a 422 listing every field that is wrong. */
export function rowsOrThrow(criteria: CriterionLike[], mode: "SINGLE" | "PAIRWISE", values: TLabelValues, complete: boolean): LabelRow[] {
  const { rows, errors } = labelRows(criteria, mode, values, complete);
  if (errors.length) throw validation(errors);
  return rows;
}

function validation(errors: FieldError[]): AppError {
  return new AppError("validation_failed", `The labels are not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`, errors);
}

/** Column arrays for one `INSERT … SELECT FROM unnest(…)` of many score rows. */
export function scoreColumns(rows: LabelRow[]) {
  return [
    rows.map((r) => r.name),
    rows.map((r) => r.value.dataType),
    rows.map((r) => r.value.numberValue),
    rows.map((r) => r.value.textValue),
    rows.map((r) => (r.value.jsonValue === null ? null : JSON.stringify(r.value.jsonValue))),
    rows.map((r) => r.criterionId),
  ];
}
