import type { ProjectContext } from "../auth/context";
import { assertCan } from "../auth/scopes";
import { notFound } from "../errors";
import type { TAnnotationsQuery } from "./schemas";
import type { Sql } from "../db/transaction";
import { decodeCursor, encodeCursor } from "../db/cursor";

// Labels out: every label of a queue with who gave it, against which rubric version, which
// side was shown on the left (pairwise), when, and its revision chain. Paged by a cursor over
// (item, label) so a page costs the same at the end of a large queue as at the start.

export interface Annotation {
  id: string;
  queueItemId: string;
  traceId: string;
  traceBId: string | null;
  name: string;
  criterionId: string | null;
  dataType: string;
  value: unknown;
  raterUserId: string | null;
  raterEmail: string | null;
  raterName: string | null;
  rubricVersionId: string | null;
  rubricVersion: number | null;
  leftSide: "A" | "B" | null;
  claimedAt: Date | null;
  submittedAt: Date | null;
  createdAt: Date;
  revision: number;
  isCurrent: boolean;
  supersedesId: string | null;
}

const PAGE = `
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

function typedValue(r: { dataType: string; numberValue: number | null; textValue: string | null; jsonValue: unknown }): unknown {
  if (r.dataType === "BOOLEAN") return r.numberValue === 1;
  if (r.dataType === "NUMERIC") return r.numberValue;
  if (r.dataType === "MULTI" || r.dataType === "JSON") return r.jsonValue;
  return r.textValue;
}

export async function listAnnotations(sql: Sql, ctx: ProjectContext, query: TAnnotationsQuery) {
  assertCan(ctx, "queues:read");
  const exists = await sql.query(`SELECT 1 FROM queues WHERE project_id = $1 AND id = $2`, [ctx.project.id, query.queue]);
  if (!exists.rows[0]) throw notFound("Queue");
  const cursor = decodeCursor(query.cursor, 2);
  const { rows } = await sql.query(PAGE, [ctx.project.id, query.queue, cursor?.[0] ?? null, cursor?.[1] ?? null, query.current === "true", query.limit + 1]);
  const page = rows.slice(0, query.limit);
  const annotations: Annotation[] = page.map(({ numberValue: _n, textValue: _t, jsonValue: _j, ...r }, i) => ({ ...r, value: typedValue(page[i]) }));
  const last = page.at(-1);
  return { annotations, nextCursor: rows.length > query.limit && last ? encodeCursor([last.queueItemId, last.id]) : null };
}

/** Every label of the queue, page after page, for a download. */
export async function* allAnnotations(sql: Sql, ctx: ProjectContext, queue: string, current: boolean): AsyncGenerator<Annotation[]> {
  let cursor: string | undefined;
  do {
    const page = await listAnnotations(sql, ctx, { queue, cursor, limit: 1000, current: current ? "true" : undefined });
    if (page.annotations.length) yield page.annotations;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
