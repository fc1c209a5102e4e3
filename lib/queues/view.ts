import type { ProjectContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/scopes";
import { notFound } from "@/lib/errors";
import { queueToView } from "./access";
import { isQueueAdjudicator } from "./adjudicators";
import type { TCursorQuery } from "./schemas";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import type { Database } from "@/lib/db/client";
import { storedColumns } from "@/lib/scores/codec";
import { type TJudgment, readAllJudgments } from "@/lib/scores/reader";

// What the labeling screen shows for one item. In a blind queue a rater sees other raters'
// labels and comments, and automated scores, only once they submitted their own; people
// reviewing the queue without labeling the item see everything.

/** A judgment as the screen shows it: its columns, and its rater as the columns name them. */
function scoreRow(j: TJudgment) {
  const { dataType, numberValue, textValue, jsonValue } = storedColumns(j.dataType, j.value);
  const rater = j.rater.kind === "external" ? j.rater : null;
  return {
    id: j.id,
    name: j.name,
    dataType,
    numberValue,
    textValue,
    jsonValue,
    source: j.source,
    raterUserId: j.rater.kind === "user" ? j.rater.id : null,
    raterName: rater?.name ?? null,
    raterVersion: rater?.version ?? null,
    revision: j.revision,
    createdAt: j.createdAt,
  };
}

// Neither list shows when a label was first given, so neither pays for finding it.
const SHOWN = { order: "created", firstSubmittedAt: false } as const;

const TRACE_FIELDS = `id, name, input, output, metadata, tags, release, prompt_version AS "promptVersion", session_id AS "sessionId", start_time AS "startTime", end_time AS "endTime"`;
export async function getItem({ sql }: Database, ctx: ProjectContext, queueId: string, itemId: string) {
  // A named adjudicator opens any item of their queue, to settle it.
  const adjudicator = !can(ctx, "queues:read") && (await isQueueAdjudicator(sql, ctx, queueId));
  const queue = await queueToView(sql, ctx, queueId, adjudicator);
  const projectId = ctx.project.id;
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const item = (
    await sql.query(
      `SELECT id, status, submitted_count AS "submittedCount", trace_id AS "traceId", trace_b_id AS "traceBId", created_at AS "createdAt"
         FROM queue_items WHERE project_id = $1 AND id = $2 AND queue_id = $3`,
      [projectId, itemId, queueId],
    )
  ).rows[0];
  if (!item) throw notFound("Item");
  const mine = (
    await sql.query(
      `SELECT id, status, draft, left_side AS "leftSide", lease_expires_at AS "leaseExpiresAt", submitted_at AS "submittedAt", skip_reason AS "skipReason", flagged_at AS "flaggedAt", flag_reason AS "flagReason"
         FROM assignments WHERE project_id = $1 AND queue_item_id = $2 AND user_id = $3`,
      [projectId, itemId, userId],
    )
  ).rows[0];
  // A labeler reaches only items handed to them.
  if (!mine && !adjudicator && !can(ctx, "queues:read")) throw notFound("Item");
  const othersVisible = !queue.blind || !mine || mine.status === "SUBMITTED";
  const traceIds = [item.traceId, item.traceBId].filter(Boolean);
  const [traces, spans, rubric, criteria, labelled, comments, scoredTraces] = await Promise.all([
    sql.query(`SELECT ${TRACE_FIELDS} FROM traces WHERE project_id = $1 AND id = ANY($2::uuid[])`, [projectId, traceIds]),
    sql.query(
      `SELECT trace_id AS "traceId", span_id AS "spanId", parent_span_id AS "parentSpanId", type, name, model, input, output, start_time AS "startTime"
         FROM spans WHERE project_id = $1 AND trace_id = ANY($2::uuid[]) ORDER BY start_time LIMIT 200`,
      [projectId, traceIds],
    ),
    sql.query(`SELECT id, version, guidelines FROM rubric_versions WHERE project_id = $1 AND id = $2`, [projectId, queue.rubricVersionId]),
    sql.query(
      `SELECT id, key, label, question, guidance, required, type, measurement_level AS "measurementLevel", config FROM criteria WHERE project_id = $1 AND rubric_version_id = $2 ORDER BY position`,
      [projectId, queue.rubricVersionId],
    ),
    readAllJudgments(sql, projectId, { queueItemIds: [itemId], revisions: "current" }, SHOWN),
    sql.query(
      `SELECT c.id, c.body, c.author_id AS "authorId", u.name AS "authorName", c.created_at AS "createdAt" FROM comments c JOIN users u ON u.id = c.author_id
        WHERE c.project_id = $1 AND c.queue_item_id = $2 ORDER BY c.created_at`,
      [projectId, itemId],
    ),
    readAllJudgments(sql, projectId, { traceIds, targets: ["trace"], revisions: "current" }, SHOWN),
  ]);
  const labels = labelled.map(scoreRow);
  const automated = scoredTraces.map((j) => ({ ...scoreRow(j), traceId: j.traceId }));
  const byId = new Map(traces.rows.map((t) => [t.id, { ...t, spans: spans.rows.filter((s) => s.traceId === t.id) }]));
  const a = byId.get(item.traceId);
  const b = item.traceBId ? byId.get(item.traceBId) : null;
  // Pairwise: the screen shows the sides in the order recorded for this rater.
  const sides = b
    ? mine?.leftSide === "B"
      ? { left: { side: "B", trace: b }, right: { side: "A", trace: a } }
      : { left: { side: "A", trace: a }, right: { side: "B", trace: b } }
    : null;
  return {
    queue: { id: queue.id, name: queue.name, instructions: queue.instructions, mode: queue.mode, overlap: queue.overlap, blind: queue.blind },
    item,
    trace: b ? null : a,
    sides,
    rubricVersion: { ...rubric.rows[0], criteria: criteria.rows },
    mine: mine ? { ...mine, labels: labels.filter((s) => s.raterUserId === userId) } : null,
    others: othersVisible
      ? { hidden: false, labels: labels.filter((s) => s.raterUserId !== userId), automatedScores: automated }
      : { hidden: true, labels: [], automatedScores: [] },
    comments: othersVisible ? comments.rows : comments.rows.filter((c) => c.authorId === userId),
  };
}

/** The rater's own items in this queue, newest first: the way back through their work. */
export async function listHistory({ sql }: Database, ctx: ProjectContext, queueId: string, query: TCursorQuery) {
  await queueToView(sql, ctx, queueId);
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const cursor = decodeCursor(query.cursor, 2);
  const { rows } = await sql.query(
    `SELECT a.queue_item_id AS "itemId", a.status, a.submitted_at AS "submittedAt", a.claimed_at AS "claimedAt", a.skip_reason AS "skipReason",
            a.flagged_at AS "flaggedAt", i.trace_id AS "traceId", i.trace_b_id AS "traceBId", a.id,
            coalesce(a.submitted_at, a.claimed_at, a.created_at) AS at
       FROM assignments a JOIN queue_items i ON i.project_id = a.project_id AND i.id = a.queue_item_id
      WHERE a.project_id = $1 AND a.queue_id = $2 AND a.user_id = $3
        AND ($4::timestamptz IS NULL OR (coalesce(a.submitted_at, a.claimed_at, a.created_at), a.id) < ($4::timestamptz, $5::uuid))
      ORDER BY coalesce(a.submitted_at, a.claimed_at, a.created_at) DESC, a.id DESC
      LIMIT $6`,
    [ctx.project.id, queueId, userId, cursor?.[0] ?? null, cursor?.[1] ?? null, query.limit + 1],
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ id: _id, at: _at, ...r }) => r),
    nextCursor: rows.length > query.limit && last ? encodeCursor([new Date(last.at).toISOString(), last.id]) : null,
  };
}
