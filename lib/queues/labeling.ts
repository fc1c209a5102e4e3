import type { ProjectContext } from "@/lib/auth/context";
import { AppError, notFound } from "@/lib/errors";
import { LEASE_SECONDS, MAX_DRAFT_BYTES, queueToLabel } from "./access";
import type { TDraft, TFlag, TSkip } from "./schemas";
import { type Sql, transaction } from "@/lib/db/transaction";
import type pg from "pg";

// What a rater does to the item in front of them besides submitting: save a draft (which
// renews the lease), skip it, flag it. Each locks the rater's own assignment first, in the
// same order as submit, so they never deadlock with it.

async function lockAssignment(c: pg.ClientBase, projectId: string, queueId: string, itemId: string, userId: string) {
  const { rows } = await c.query(
    `SELECT a.id, a.status FROM assignments a JOIN queue_items i ON i.project_id = a.project_id AND i.id = a.queue_item_id
      WHERE a.project_id = $1 AND a.queue_item_id = $2 AND a.user_id = $3 AND i.queue_id = $4 FOR UPDATE OF a`,
    [projectId, itemId, userId, queueId],
  );
  if (!rows[0]) throw notFound("Item");
  return rows[0] as { id: string; status: "LEASED" | "SUBMITTED" | "SKIPPED" | "RELEASED" };
}

/**
 * Saves the rater's work in progress. Always kept; the lease is renewed when the rater's slot
 * is still theirs (even past its time, if nobody claimed it meanwhile).
 */
export async function saveDraft(sql: Sql, ctx: ProjectContext, queueId: string, itemId: string, input: TDraft) {
  const queue = await queueToLabel(sql, ctx, queueId);
  const json = JSON.stringify(input.draft);
  if (Buffer.byteLength(json) > MAX_DRAFT_BYTES) throw new AppError("payload_too_large", "A draft may be at most 256 KiB");
  return transaction(sql, async (c) => {
    const a = await lockAssignment(c, ctx.project.id, queueId, itemId, queue.userId);
    if (a.status === "SUBMITTED") throw new AppError("already_submitted", "You already submitted this item: revise your labels instead");
    if (a.status === "SKIPPED") throw new AppError("conflict", "You skipped this item");
    const renewed = await c.query(
      `UPDATE queue_slots SET lease_expires_at = now() + make_interval(secs => $4)
        WHERE project_id = $1 AND queue_item_id = $2 AND assignment_id = $3 RETURNING lease_expires_at`,
      [ctx.project.id, itemId, a.id, LEASE_SECONDS],
    );
    const leaseExpiresAt: Date | null = renewed.rows[0]?.lease_expires_at ?? null;
    await c.query(
      `UPDATE assignments SET draft = $3::jsonb,
              status = CASE WHEN $4::timestamptz IS NULL THEN status ELSE 'LEASED' END,
              lease_expires_at = coalesce($4::timestamptz, lease_expires_at)
        WHERE project_id = $1 AND id = $2`,
      [ctx.project.id, a.id, json, leaseExpiresAt],
    );
    return { itemId, saved: true, leased: leaseExpiresAt !== null, leaseExpiresAt };
  });
}

/** Skips the item: it goes back to the pool for others (never to the skipper) and counts nothing. */
export async function skipItem(sql: Sql, ctx: ProjectContext, queueId: string, itemId: string, input: TSkip) {
  const queue = await queueToLabel(sql, ctx, queueId);
  return transaction(sql, async (c) => {
    const a = await lockAssignment(c, ctx.project.id, queueId, itemId, queue.userId);
    if (a.status === "SUBMITTED") throw new AppError("already_submitted", "You already submitted this item");
    if (a.status === "SKIPPED") return { itemId, skipped: true };
    await c.query(
      `UPDATE queue_slots SET leased_by = NULL, assignment_id = NULL, lease_expires_at = NULL
        WHERE project_id = $1 AND queue_item_id = $2 AND assignment_id = $3`,
      [ctx.project.id, itemId, a.id],
    );
    await c.query(`UPDATE assignments SET status = 'SKIPPED', skip_reason = $3, lease_expires_at = now() WHERE project_id = $1 AND id = $2`, [
      ctx.project.id,
      a.id,
      input.reason || null,
    ]);
    return { itemId, skipped: true };
  });
}

/** Flags (or unflags) the item for the queue's engineers, with an optional reason. */
export async function flagItem(sql: Sql, ctx: ProjectContext, queueId: string, itemId: string, input: TFlag) {
  const queue = await queueToLabel(sql, ctx, queueId);
  const { rows } = await sql.query(
    `UPDATE assignments a SET flagged_at = CASE WHEN $5 THEN coalesce(a.flagged_at, now()) END, flag_reason = CASE WHEN $5 THEN $6 END
       FROM queue_items i
      WHERE a.project_id = $1 AND a.queue_item_id = $2 AND a.user_id = $3 AND i.project_id = a.project_id AND i.id = a.queue_item_id AND i.queue_id = $4
     RETURNING a.flagged_at AS "flaggedAt", a.flag_reason AS "flagReason"`,
    [ctx.project.id, itemId, queue.userId, queueId, input.flagged, input.reason || null],
  );
  if (!rows[0]) throw notFound("Item");
  return { itemId, ...rows[0] };
}
