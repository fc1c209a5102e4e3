import type { ProjectContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { LEASE_SECONDS, assertActive, queueToLabel } from "./access";
import type { TClaim } from "./schemas";
import { type Sql, withRetry } from "@/lib/db/transaction";

// Handing out the next item. One statement takes a free slot with FOR UPDATE SKIP LOCKED,
// records the rater's assignment and writes the lease into the slot, so two raters (on any
// number of app instances) never get the same slot, and a lease past its time is simply a
// free slot to the next claim. See docs/architecture.md, "Queue claims".

export interface Lease {
  assignmentId: string;
  itemId: string;
  leaseExpiresAt: Date;
  leftSide: "A" | "B" | null;
  draft: unknown;
  resumed: boolean;
}

/** Most leases one rater may hold in one queue at a time: the item on screen and a prefetched one or two. */
const MAX_LEASES = 3;

const CLAIM = `
WITH member AS (
  SELECT m.id FROM queue_members m
  JOIN queues q ON q.project_id = m.project_id AND q.id = m.queue_id AND q.status = 'ACTIVE'
   WHERE m.project_id = $1 AND m.queue_id = $2 AND m.user_id = $3
   FOR SHARE OF m
),
pick AS (
  SELECT s.project_id, s.id, s.queue_item_id, s.assignment_id AS previous
    FROM queue_slots s
   WHERE s.project_id = $1 AND s.queue_id = $2
     AND (s.lease_expires_at IS NULL OR s.lease_expires_at < now())
     AND EXISTS (SELECT 1 FROM member)
     AND NOT EXISTS (
       SELECT 1 FROM assignments a
        WHERE a.project_id = $1 AND a.queue_item_id = s.queue_item_id AND a.user_id = $3
          AND (a.status IN ('SUBMITTED', 'SKIPPED') OR (a.status = 'LEASED' AND a.lease_expires_at >= now())))
   ORDER BY s.priority, s.id
   LIMIT 1
   FOR UPDATE OF s SKIP LOCKED
),
upserted AS (
  INSERT INTO assignments (project_id, queue_item_id, queue_id, user_id, status, lease_expires_at, claimed_at, left_side)
  SELECT p.project_id, p.queue_item_id, $2, $3, 'LEASED', now() + make_interval(secs => $4), now(),
         CASE WHEN i.trace_b_id IS NULL THEN NULL WHEN random() < 0.5 THEN 'A' ELSE 'B' END
    FROM pick p JOIN queue_items i ON i.project_id = p.project_id AND i.id = p.queue_item_id
  ON CONFLICT (project_id, queue_item_id, user_id) DO UPDATE
     SET status = 'LEASED', lease_expires_at = EXCLUDED.lease_expires_at, claimed_at = EXCLUDED.claimed_at,
         left_side = coalesce(assignments.left_side, EXCLUDED.left_side)
   WHERE assignments.status = 'RELEASED' OR (assignments.status = 'LEASED' AND assignments.lease_expires_at < now())
  RETURNING id, queue_item_id, lease_expires_at, left_side, draft
),
leased AS (
  UPDATE queue_slots s SET leased_by = $3, assignment_id = u.id, lease_expires_at = u.lease_expires_at
    FROM pick p, upserted u
   WHERE s.project_id = p.project_id AND s.id = p.id
  RETURNING s.id
),
released AS (
  -- The previous holder's lease ran out. Marked released when nobody holds its row right now
  -- (a late submit in flight may): an expired lease means the same thing either way.
  UPDATE assignments a SET status = 'RELEASED'
   WHERE a.project_id = $1 AND a.user_id <> $3 AND a.status = 'LEASED'
     AND a.id IN (SELECT x.id FROM assignments x JOIN pick p ON x.project_id = $1 AND x.id = p.previous FOR UPDATE OF x SKIP LOCKED)
  RETURNING a.id
)
SELECT (SELECT count(*) FROM pick)::int AS picked, (SELECT count(*) FROM leased)::int AS leased, (SELECT count(*) FROM released)::int AS released,
       u.id AS "assignmentId", u.queue_item_id AS "itemId", u.lease_expires_at AS "leaseExpiresAt", u.left_side AS "leftSide", u.draft
  FROM (SELECT 1) one LEFT JOIN upserted u ON true`;

/**
 * The next item for the caller: a lease they already hold (a reload resumes it) unless it is
 * in `exclude`, otherwise a new one. Null when nothing is left for them.
 */
export async function claimNext(sql: Sql, ctx: ProjectContext, queueId: string, input: TClaim): Promise<Lease | null> {
  const queue = await queueToLabel(sql, ctx, queueId, true);
  assertActive(queue);
  const held = queue.held ?? [];
  const resumable = held.find((h) => !input.exclude.includes(h.itemId));
  if (resumable) return { ...resumable, leaseExpiresAt: new Date(resumable.leaseExpiresAt), resumed: true };
  if (held.length >= MAX_LEASES) throw new AppError("too_many_leases", `You hold ${held.length} items of this queue: submit or skip one first`);
  for (let attempt = 1; attempt <= 5; attempt++) {
    const { rows } = await withRetry(() => sql.query(CLAIM, [ctx.project.id, queueId, queue.userId, LEASE_SECONDS]));
    const { picked, leased: _leased, released: _released, ...lease } = rows[0] as Omit<Lease, "resumed"> & { picked: number; leased: number; released: number };
    if (picked === 0) return null;
    if (lease.assignmentId) return { ...lease, resumed: false };
    // The same rater claiming twice at once can pick two slots of one item: the unique
    // (item, rater) key lets one through and the other, having leased nothing, claims again.
  }
  throw new AppError("conflict", "Could not claim an item: try again");
}
