import type { Tx } from "@/lib/db/client";
import type { Sql } from "@/lib/db/transaction";

// Reads of `scores` shaped for one screen or answer each (the labeling screen, the labels
// API, a trace's detail). Their answers are pinned by the API's tests, so they keep their
// own columns; values are decoded by the caller through the codec. New capabilities read
// judgments through `readJudgments` (reader.ts) instead of adding one here.

const SCORE_FIELDS = `s.id, s.name, s.data_type AS "dataType", s.number_value AS "numberValue", s.text_value AS "textValue", s.json_value AS "jsonValue",
  s.source, s.rater_user_id AS "raterUserId", s.rater_name AS "raterName", s.rater_version AS "raterVersion", s.revision, s.created_at AS "createdAt"`;

/** Current labels on one queue item, oldest first. */
export async function currentLabelsOnItem(sql: Sql, projectId: string, itemId: string) {
  const { rows } = await sql.query(
    `SELECT ${SCORE_FIELDS} FROM scores s WHERE s.project_id = $1 AND s.queue_item_id = $2 AND s.is_current ORDER BY s.created_at`,
    [projectId, itemId],
  );
  return rows;
}

/** Current scores sent through the API on these traces themselves, oldest first. */
export async function currentScoresOnTraces(sql: Sql, projectId: string, traceIds: string[]) {
  const { rows } = await sql.query(
    `SELECT ${SCORE_FIELDS}, s.trace_id AS "traceId" FROM scores s WHERE s.project_id = $1 AND s.trace_id = ANY($2::uuid[]) AND s.is_current ORDER BY s.created_at`,
    [projectId, traceIds],
  );
  return rows;
}

const QUEUE_LABELS_PAGE = `
SELECT s.id, s.queue_item_id AS "queueItemId", i.trace_id AS "traceId", i.trace_b_id AS "traceBId", s.name, s.criterion_id AS "criterionId",
       s.data_type AS "dataType", s.number_value AS "numberValue", s.text_value AS "textValue", s.json_value AS "jsonValue",
       s.rater_user_id AS "raterUserId", u.email AS "raterEmail", u.name AS "raterName",
       s.rubric_version_id AS "rubricVersionId", rv.version AS "rubricVersion", a.left_side AS "leftSide",
       a.claimed_at AS "claimedAt", a.submitted_at AS "submittedAt", s.created_at AS "createdAt",
       s.revision, s.is_current AS "isCurrent", s.supersedes_id AS "supersedesId"
  FROM queue_items i
  JOIN scores s ON s.project_id = i.project_id AND s.queue_item_id = i.id
  LEFT JOIN users u ON u.id = s.rater_user_id
  LEFT JOIN rubric_versions rv ON rv.project_id = s.project_id AND rv.id = s.rubric_version_id
  LEFT JOIN assignments a ON a.project_id = s.project_id AND a.queue_item_id = s.queue_item_id AND a.user_id = s.rater_user_id
 WHERE i.project_id = $1 AND i.queue_id = $2
   AND ($3::uuid IS NULL OR (i.id, s.id) > ($3::uuid, $4::uuid))
   AND (NOT $5 OR s.is_current)
 ORDER BY i.id, s.id
 LIMIT $6`;

/**
 * A page of a queue's labels with who gave them and the rater's assignment, in (item, label)
 * order after the given pair, so a page costs the same at the end of a large queue as at the start.
 */
export async function queueLabelsPage(
  sql: Sql,
  p: { projectId: string; queueId: string; after: [string, string] | null; currentOnly: boolean; limit: number },
) {
  const { rows } = await sql.query(QUEUE_LABELS_PAGE, [p.projectId, p.queueId, p.after?.[0] ?? null, p.after?.[1] ?? null, p.currentOnly, p.limit]);
  return rows;
}

/** Current scores on a trace, on its spans and on queue items targeting it, with the names a person reads. */
export function currentScoresForTraceDetail(db: Tx, projectId: string, traceId: string) {
  return db.score.findMany({
    where: {
      projectId,
      isCurrent: true,
      OR: [{ traceId }, { span: { traceId } }, { queueItem: { OR: [{ traceId }, { traceBId: traceId }] } }],
    },
    orderBy: [{ name: "asc" }, { createdAt: "asc" }],
    include: {
      raterUser: { select: { name: true, email: true } },
      raterApiKey: { select: { name: true } },
      span: { select: { spanId: true, name: true } },
      criterion: { select: { label: true } },
      rubricVersion: { select: { version: true, rubric: { select: { name: true } } } },
    },
  });
}

/** Current API scores on a trace and its spans (not queue labels), with their rubric reference, oldest first. */
export function currentScoresForTraceApi(db: Tx, projectId: string, traceId: string) {
  return db.score.findMany({
    where: { projectId, isCurrent: true, OR: [{ traceId }, { span: { projectId, traceId } }] },
    orderBy: { createdAt: "asc" },
    include: {
      span: { select: { spanId: true } },
      rubricVersion: { select: { version: true, rubric: { select: { slug: true } } } },
      criterion: { select: { key: true } },
    },
  });
}

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
