import type { ProjectContext } from "@/lib/auth/context";
import { assertCan, can } from "@/lib/auth/scopes";
import { expertFigures } from "@/lib/reports/experts";
import { queueToView } from "./access";
import type { Database } from "@/lib/db/client";

// How far a queue is, in total and per rater. Labelers see the totals and their own row;
// readers (ENGINEER, ADMIN, VIEWER) see every rater.

const RATERS = `
SELECT m.user_id AS "userId", u.name, u.email,
       count(a.id) FILTER (WHERE a.status = 'SUBMITTED')::int AS done,
       count(a.id) FILTER (WHERE a.status = 'SKIPPED')::int AS skipped,
       (count(a.id) FILTER (WHERE a.status = 'SKIPPED'))::float8 / nullif(count(a.id) FILTER (WHERE a.status IN ('SUBMITTED', 'SKIPPED')), 0) AS "skipRate",
       count(a.id) FILTER (WHERE a.status = 'LEASED' AND a.lease_expires_at >= now())::int AS "inProgress",
       (SELECT count(DISTINCT s.queue_item_id) FROM queue_slots s
         WHERE s.project_id = m.project_id AND s.queue_id = m.queue_id
           AND NOT EXISTS (SELECT 1 FROM assignments x WHERE x.project_id = s.project_id AND x.queue_item_id = s.queue_item_id AND x.user_id = m.user_id
                             AND (x.status IN ('SUBMITTED', 'SKIPPED') OR (x.status = 'LEASED' AND x.lease_expires_at >= now()))))::int AS remaining,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.submitted_at - a.claimed_at)) FILTER (WHERE a.status = 'SUBMITTED') AS "medianSeconds"
  FROM queue_members m JOIN users u ON u.id = m.user_id
  LEFT JOIN assignments a ON a.project_id = m.project_id AND a.queue_id = m.queue_id AND a.user_id = m.user_id
 WHERE m.project_id = $1 AND m.queue_id = $2 AND ($3::uuid IS NULL OR m.user_id = $3)
 GROUP BY m.project_id, m.queue_id, m.user_id, u.name, u.email
 ORDER BY u.name`;

export async function queueProgress({ sql }: Database, ctx: ProjectContext, queueId: string) {
  const queue = await queueToView(sql, ctx, queueId);
  const onlyMe = can(ctx, "queues:read") ? null : ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const [totals, raters] = await Promise.all([
    sql.query(
      `SELECT count(*)::int AS items,
              count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed,
              coalesce(sum(submitted_count), 0)::int AS labels,
              (SELECT count(*) FROM queue_slots s WHERE s.project_id = $1 AND s.queue_id = $2)::int AS "labelsRemaining",
              (SELECT count(*) FROM queue_slots s WHERE s.project_id = $1 AND s.queue_id = $2 AND s.lease_expires_at >= now())::int AS "inProgress",
              (SELECT count(*) FROM assignments a WHERE a.project_id = $1 AND a.queue_id = $2 AND a.status = 'SKIPPED')::int AS skipped,
              (SELECT count(*) FROM assignments a WHERE a.project_id = $1 AND a.queue_id = $2 AND a.flagged_at IS NOT NULL)::int AS flagged
         FROM queue_items WHERE project_id = $1 AND queue_id = $2 AND status <> 'REMOVED'`,
      [ctx.project.id, queueId],
    ),
    sql.query(RATERS, [ctx.project.id, queueId, onlyMe]),
  ]);
  // Readers see how each rater agrees with the others; a rater looking at their own row does
  // not (in a blind queue it would tell them what the others answered).
  const figures = onlyMe === null && can(ctx, "reports:read") ? await expertFigures(sql, ctx, queueId) : null;
  const rows = figures ? raters.rows.map((r) => ({ ...r, agreement: figures.get(`user:${r.userId}`) ?? [] })) : raters.rows;
  return { queue: { id: queue.id, name: queue.name, overlap: queue.overlap, status: queue.status }, totals: totals.rows[0], raters: rows };
}

/**
 * Items raters flagged or skipped with a reason, with those reasons and the comments on the
 * item, for the queue's engineers.
 */
export async function listFlagged({ sql }: Database, ctx: ProjectContext, queueId: string) {
  assertCan(ctx, "queues:read");
  await queueToView(sql, ctx, queueId);
  const { rows } = await sql.query(
    `SELECT i.id AS "itemId", i.trace_id AS "traceId", i.trace_b_id AS "traceBId", i.status, i.submitted_count AS "submittedCount",
            coalesce(json_agg(json_build_object('userId', a.user_id, 'name', u.name, 'reason', a.flag_reason, 'flaggedAt', a.flagged_at) ORDER BY a.flagged_at)
                       FILTER (WHERE a.flagged_at IS NOT NULL), '[]') AS flags,
            coalesce(json_agg(json_build_object('userId', a.user_id, 'name', u.name, 'reason', a.skip_reason, 'skippedAt', a.lease_expires_at) ORDER BY a.lease_expires_at)
                       FILTER (WHERE a.status = 'SKIPPED' AND a.skip_reason IS NOT NULL), '[]') AS skips,
            (SELECT coalesce(json_agg(json_build_object('id', c.id, 'body', c.body, 'authorId', c.author_id, 'createdAt', c.created_at) ORDER BY c.created_at), '[]')
               FROM comments c WHERE c.project_id = i.project_id AND c.queue_item_id = i.id) AS comments
       FROM assignments a JOIN queue_items i ON i.project_id = a.project_id AND i.id = a.queue_item_id JOIN users u ON u.id = a.user_id
      WHERE a.project_id = $1 AND a.queue_id = $2 AND (a.flagged_at IS NOT NULL OR (a.status = 'SKIPPED' AND a.skip_reason IS NOT NULL))
      GROUP BY i.project_id, i.id
      ORDER BY max(coalesce(a.flagged_at, a.lease_expires_at)) DESC
      LIMIT 500`,
    [ctx.project.id, queueId],
  );
  return { items: rows };
}

/** "My queues": those the caller is assigned to; readers also see the others. */
export async function listQueues({ sql }: Database, ctx: ProjectContext) {
  if (!can(ctx, "queues:read")) assertCan(ctx, "queues:label");
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const { rows } = await sql.query(
    `SELECT q.id, q.name, q.mode, q.overlap, q.blind, q.status, q.created_at AS "createdAt", m.id IS NOT NULL AS assigned,
            (SELECT count(*) FROM queue_items i WHERE i.project_id = q.project_id AND i.queue_id = q.id AND i.status <> 'REMOVED')::int AS items,
            (SELECT count(*) FROM queue_items i WHERE i.project_id = q.project_id AND i.queue_id = q.id AND i.status = 'COMPLETED')::int AS completed
       FROM queues q LEFT JOIN queue_members m ON m.project_id = q.project_id AND m.queue_id = q.id AND m.user_id = $2
      WHERE q.project_id = $1 AND q.status <> 'ARCHIVED' AND ($3 OR m.id IS NOT NULL)
      ORDER BY (m.id IS NOT NULL) DESC, q.created_at DESC`,
    [ctx.project.id, userId, can(ctx, "queues:read")],
  );
  return { queues: rows };
}
