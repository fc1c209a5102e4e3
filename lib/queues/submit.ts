import type { ProjectContext } from "@/lib/auth/context";
import { requireUser } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { BoundedMap } from "@/lib/bounded-map";
import { AppError, notFound } from "@/lib/errors";
import { MAX_DRAFT_BYTES, type QueueRow, queueToLabel } from "./access";
import { firstSubmittedLabels, runSubmit } from "@/lib/scores/statements";
import { loadCriteria, rowsOrThrow } from "./criteria";
import type { TSubmit } from "./schemas";
import { type Sql, pgCode, withRetry } from "@/lib/db/transaction";
import type { Database } from "@/lib/db/client";
import { metrics } from "@/lib/ops/metrics";

// Submitting an item's labels. The submitted count of the item grows by one in a conditional
// UPDATE that refuses to pass the queue's overlap: with the item row locked, concurrent
// submits on one item are counted one after another, so no item ever gets more than N labels,
// whichever app instance they reach (a trigger holds the same line under the application).
// The whole submit is one statement (`runSubmit` in lib/scores/statements.ts, which owns every
// SQL text on scores), so it is atomic without a transaction of many round trips; it shares
// the queue's overlap lock, so a change of N is never counted against half-applied
// (lib/queues/overlap-lock.ts).

export interface Submitted {
  itemId: string;
  assignmentId: string;
  submittedAt: Date;
  scores: { id: string; name: string }[];
  /** True when this answers a retry of a submit already recorded. */
  replayed: boolean;
}

interface SubmitRow {
  assignmentId: string;
  status: string;
  submissionId: string | null;
  previouslySubmittedAt: Date | null;
  submittedAt: Date | null;
  scores: { id: string; name: string }[];
}

/** What a queue is labeled against, fixed when it was created: remembered per process once read. */
const labelingShapes = new BoundedMap<string, Pick<QueueRow, "rubricVersionId" | "mode">>(10_000);

async function labelingShape(sql: Sql, ctx: ProjectContext, queueId: string): Promise<Pick<QueueRow, "rubricVersionId" | "mode">> {
  const key = `${ctx.project.id}/${queueId}`;
  const known = labelingShapes.get(key);
  if (known) return known;
  const { rubricVersionId, mode } = await queueToLabel(sql, ctx, queueId);
  labelingShapes.set(key, { rubricVersionId, mode });
  return { rubricVersionId, mode };
}

/**
 * Records the caller's labels on an item. The caller's assignment to the queue is checked in
 * the submit statement itself; only a submit that found nothing, or values that do not fit,
 * reads the queue to say why (404 or 403 before anything about the values or the item).
 */
export async function submitLabels({ sql }: Database, ctx: ProjectContext, queueId: string, itemId: string, input: TSubmit): Promise<Submitted> {
  assertCan(ctx, "queues:label");
  const { userId } = requireUser(ctx.actor);
  const queue = await labelingShape(sql, ctx, queueId);
  const criteria = await loadCriteria(sql, ctx.project.id, queue.rubricVersionId);
  let rows: ReturnType<typeof rowsOrThrow>;
  try {
    rows = rowsOrThrow(criteria, queue.mode, input.values, true);
  } catch (error) {
    await queueToLabel(sql, ctx, queueId);
    throw error;
  }
  const projectId = ctx.project.id;
  // One statement, so a deadlock victim was rolled back whole and may simply run again.
  const result = await withRetry(() =>
    runSubmit(sql, { projectId, itemId, userId, queueId, rubricVersionId: queue.rubricVersionId, submissionId: input.submissionId, rows }),
  ).catch((error) => {
    if (pgCode(error) === "23505") throw new AppError("conflict", "This submission id was already used for another item");
    throw error;
  });
  const row = result.rows[0] as SubmitRow | undefined;
  if (!row) {
    await queueToLabel(sql, ctx, queueId);
    throw notFound("Item");
  }
  if (row.submittedAt) {
    metrics().labelsSubmitted.inc();
    return { itemId, assignmentId: row.assignmentId, submittedAt: row.submittedAt, scores: row.scores, replayed: false };
  }
  if (row.status === "SUBMITTED") {
    if (row.submissionId !== input.submissionId) throw new AppError("already_submitted", "You already submitted this item: revise your labels instead");
    const scores = await firstSubmittedLabels(sql, projectId, itemId, userId);
    return { itemId, assignmentId: row.assignmentId, submittedAt: row.previouslySubmittedAt as Date, scores, replayed: true };
  }
  if (row.status === "SKIPPED") throw new AppError("conflict", "You skipped this item");
  // Refused at the overlap, but nothing the rater typed is lost: the values stay as the draft.
  // The client's own draft when it sent one (the screen reads it back as it left it). The
  // lease is given up: the item needs no more labels, and a held lease counts against the
  // rater's limit.
  const draft = JSON.stringify(input.draft ?? { values: input.values });
  const keep = Buffer.byteLength(draft) <= MAX_DRAFT_BYTES;
  await sql.query(
    `UPDATE assignments SET draft = CASE WHEN $4 THEN $3::jsonb ELSE draft END,
            status = CASE WHEN status = 'LEASED' THEN 'RELEASED' ELSE status END, lease_expires_at = least(lease_expires_at, now())
      WHERE project_id = $1 AND id = $2 AND status <> 'SUBMITTED'`,
    [projectId, row.assignmentId, keep ? draft : null, keep],
  );
  throw new AppError("overlap_reached", "This item already has all the labels it needs; your answers are kept as a draft");
}
