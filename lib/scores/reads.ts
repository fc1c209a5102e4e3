import type { Tx } from "@/lib/db/client";
import type { Sql } from "@/lib/db/transaction";

// Counts and checks over `scores` that are not judgments themselves. Judgments are read through the
// reader (reader.ts), whatever the screen or answer.

/** How many judgments (every revision) each rubric version has. */
export async function countsByRubricVersion(db: Tx, projectId: string, rubricVersionIds: string[]): Promise<Map<string, number>> {
  if (!rubricVersionIds.length) return new Map();
  const groups = await db.score.groupBy({ by: ["rubricVersionId"], where: { projectId, rubricVersionId: { in: rubricVersionIds } }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.rubricVersionId as string, g._count._all]));
}

/** Which of these score ids have since been revised (a later revision retired them): gold chosen among them needs a second look. */
export async function revisedScoreIds(sql: Sql, projectId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await sql.query(`SELECT id FROM scores WHERE project_id = $1 AND id = ANY($2::uuid[]) AND NOT is_current`, [projectId, ids]);
  return new Set(rows.map((r) => r.id as string));
}
