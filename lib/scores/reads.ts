import type { Tx } from "@/lib/db/client";

// Counts over `scores` that are not judgments themselves. Judgments are read through the
// reader (reader.ts), whatever the screen or answer.

/** How many judgments (every revision) each rubric version has. */
export async function countsByRubricVersion(db: Tx, projectId: string, rubricVersionIds: string[]): Promise<Map<string, number>> {
  if (!rubricVersionIds.length) return new Map();
  const groups = await db.score.groupBy({ by: ["rubricVersionId"], where: { projectId, rubricVersionId: { in: rubricVersionIds } }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.rubricVersionId as string, g._count._all]));
}
