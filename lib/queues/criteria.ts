import type { FieldError } from "@/lib/errors";
import { AppError } from "@/lib/errors";
import { BoundedMap } from "@/lib/bounded-map";
import type { TLabelValues } from "./schemas";
import type { Sql } from "@/lib/db/transaction";
import { type CriterionLike, type LabelRow, labelRows } from "./values";

// A queue labels against a published rubric version, and Postgres refuses any change to a
// published version's criteria, so they are read once per process and kept.
const publishedCriteria = new BoundedMap<string, CriterionLike[]>(1_000);

/** The criteria of a queue's (published, so frozen) rubric version, in order. */
export async function loadCriteria(sql: Sql, projectId: string, rubricVersionId: string): Promise<CriterionLike[]> {
  const key = `${projectId}/${rubricVersionId}`;
  const cached = publishedCriteria.get(key);
  if (cached) return cached;
  const { rows } = await sql.query(
    `SELECT c.id, c.key, c.type, c.required, c.config, v.status = 'PUBLISHED' AS published
       FROM criteria c JOIN rubric_versions v ON v.project_id = c.project_id AND v.id = c.rubric_version_id
      WHERE c.project_id = $1 AND c.rubric_version_id = $2 ORDER BY c.position`,
    [projectId, rubricVersionId],
  );
  const criteria = rows.map(({ published: _published, ...c }) => c) as CriterionLike[];
  if (rows.length && rows.every((r) => r.published)) publishedCriteria.set(key, criteria);
  return criteria;
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
