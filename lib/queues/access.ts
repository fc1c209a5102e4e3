import type { ProjectContext } from "../auth/context";
import { requireUser } from "../auth/context";
import { assertCan, can } from "../auth/scopes";
import { AppError, notFound } from "../errors";
import type { Sql } from "./sql";

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

async function loadQueue(sql: Sql, ctx: ProjectContext, queueId: string): Promise<QueueRow | null> {
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const { rows } = await sql.query({
    name: "queue-load",
    text: `SELECT q.id, q.name, q.instructions, q.mode, q.overlap, q.blind, q.status, q.rubric_version_id AS "rubricVersionId",
            EXISTS (SELECT 1 FROM queue_members m WHERE m.project_id = q.project_id AND m.queue_id = q.id AND m.user_id = $3) AS "isMember"
       FROM queues q WHERE q.project_id = $1 AND q.id = $2`,
    values: [ctx.project.id, queueId, userId],
  });
  return (rows[0] as QueueRow | undefined) ?? null;
}

/** The queue for labeling: the caller must be assigned to it. */
export async function queueToLabel(sql: Sql, ctx: ProjectContext, queueId: string): Promise<QueueRow & { userId: string }> {
  assertCan(ctx, "queues:label");
  const { userId } = requireUser(ctx.actor);
  const queue = await loadQueue(sql, ctx, queueId);
  if (!queue || (!queue.isMember && !can(ctx, "queues:read"))) throw notFound("Queue");
  if (!queue.isMember) throw new AppError("forbidden", "You are not assigned to this queue");
  return { ...queue, userId };
}

/** The queue for looking at: assigned labelers and readers. */
export async function queueToView(sql: Sql, ctx: ProjectContext, queueId: string): Promise<QueueRow> {
  if (!can(ctx, "queues:read")) assertCan(ctx, "queues:label");
  const queue = await loadQueue(sql, ctx, queueId);
  if (!queue || (!queue.isMember && !can(ctx, "queues:read"))) throw notFound("Queue");
  return queue;
}

export function assertActive(queue: QueueRow): void {
  if (queue.status !== "ACTIVE") throw new AppError("conflict", `The queue is ${queue.status.toLowerCase()}`);
}
