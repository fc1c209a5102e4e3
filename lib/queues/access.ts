import type { ProjectContext } from "@/lib/auth/context";
import { requireUser } from "@/lib/auth/context";
import { assertCan, can } from "@/lib/auth/scopes";
import { AppError, notFound } from "@/lib/errors";
import type { Sql } from "@/lib/db/transaction";
import type { Database } from "@/lib/db/client";

// Who may see and work a queue. Labelers (queues:label) reach only queues they are assigned
// to; to an EXPERT any other queue does not exist (404). Readers (queues:read) see every
// queue of the project but label only where assigned.

export interface QueueRow {
  id: string;
  name: string;
  instructions: string;
  mode: "SINGLE" | "PAIRWISE";
  overlap: number;
  blind: boolean;
  status: "ACTIVE" | "PAUSED" | "ARCHIVED";
  rubricVersionId: string;
  isMember: boolean;
}

export const LEASE_SECONDS = 600;
/** Largest draft kept for one item. */
export const MAX_DRAFT_BYTES = 256 * 1024;

const QUEUE_COLUMNS = `q.id, q.name, q.instructions, q.mode, q.overlap, q.blind, q.status, q.rubric_version_id AS "rubricVersionId",
  EXISTS (SELECT 1 FROM queue_members m WHERE m.project_id = q.project_id AND m.queue_id = q.id AND m.user_id = $3) AS "isMember"`;

async function loadQueue(sql: Sql, ctx: ProjectContext, queueId: string): Promise<QueueRow | null> {
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const { rows } = await sql.query({
    name: "queue-load",
    text: `SELECT ${QUEUE_COLUMNS} FROM queues q WHERE q.project_id = $1 AND q.id = $2`,
    values: [ctx.project.id, queueId, userId],
  });
  return rows[0] ?? null;
}

/** The queue for labeling: the caller must be assigned to it (claims check the same in their own statement, lib/queues/claim.ts). */
export async function queueToLabel(sql: Sql, ctx: ProjectContext, queueId: string): Promise<QueueRow & { userId: string }> {
  assertCan(ctx, "queues:label");
  const { userId } = requireUser(ctx.actor);
  const queue = await loadQueue(sql, ctx, queueId);
  if (!queue || (!queue.isMember && !can(ctx, "queues:read"))) throw notFound("Queue");
  if (!queue.isMember) throw new AppError("forbidden", "You are not assigned to this queue");
  return { ...queue, userId };
}

/** `queueToLabel` for the labeling page, on the handle pages are given. */
export function labelingQueue({ sql }: Database, ctx: ProjectContext, queueId: string): Promise<QueueRow & { userId: string }> {
  return queueToLabel(sql, ctx, queueId);
}

/** The queue for looking at: assigned labelers and readers. */
/** `adjudicator`: the caller was found to be a named adjudicator of this queue, who sees it without being assigned. */
export async function queueToView(sql: Sql, ctx: ProjectContext, queueId: string, adjudicator = false): Promise<QueueRow> {
  if (!can(ctx, "queues:read") && !adjudicator) assertCan(ctx, "queues:label");
  const queue = await loadQueue(sql, ctx, queueId);
  if (!queue || (!queue.isMember && !adjudicator && !can(ctx, "queues:read"))) throw notFound("Queue");
  return queue;
}
