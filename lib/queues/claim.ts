import type { ProjectContext } from "@/lib/auth/context";
import { requireUser } from "@/lib/auth/context";
import { assertCan, can } from "@/lib/auth/scopes";
import { AppError, notFound } from "@/lib/errors";
import { LEASE_SECONDS, type QueueRow } from "./access";
import type { TClaim } from "./schemas";
import { withRetry } from "@/lib/db/transaction";
import type { Database } from "@/lib/db/client";

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
WITH queue AS (
  SELECT q.status,
         EXISTS (SELECT 1 FROM queue_members m WHERE m.project_id = q.project_id AND m.queue_id = q.id AND m.user_id = $3) AS is_member
    FROM queues q WHERE q.project_id = $1 AND q.id = $2
),
held AS (
  SELECT a.id, a.queue_item_id, a.lease_expires_at, a.left_side, a.draft, a.claimed_at
    FROM assignments a
   WHERE a.project_id = $1 AND a.queue_id = $2 AND a.user_id = $3 AND a.status = 'LEASED' AND a.lease_expires_at > now()
),
resumable AS (
  SELECT h.* FROM held h WHERE NOT (h.queue_item_id = ANY($5::uuid[])) ORDER BY h.claimed_at, h.id LIMIT 1
),
member AS (
  SELECT m.id FROM queue_members m
  JOIN queues q ON q.project_id = m.project_id AND q.id = m.queue_id AND q.status = 'ACTIVE'
   WHERE m.project_id = $1 AND m.queue_id = $2 AND m.user_id = $3
     AND NOT EXISTS (SELECT 1 FROM resumable) AND (SELECT count(*) FROM held) < $6
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
SELECT (SELECT status FROM queue) AS status, (SELECT is_member FROM queue) AS "isMember", (SELECT count(*) FROM held)::int AS held,
       (SELECT count(*) FROM pick)::int AS picked, (SELECT count(*) FROM leased)::int AS leased, (SELECT count(*) FROM released)::int AS released,
       coalesce(r.id, u.id) AS "assignmentId", coalesce(r.queue_item_id, u.queue_item_id) AS "itemId",
       coalesce(r.lease_expires_at, u.lease_expires_at) AS "leaseExpiresAt", CASE WHEN r.id IS NULL THEN u.left_side ELSE r.left_side END AS "leftSide",
       CASE WHEN r.id IS NULL THEN u.draft ELSE r.draft END AS draft, r.id IS NOT NULL AS resumed
  FROM (SELECT 1) one LEFT JOIN resumable r ON true LEFT JOIN upserted u ON true`;

/**
 * The next item for the caller: a lease they already hold (a reload resumes it) unless it is
 * in `exclude`, otherwise a new one. Null when nothing is left for them. The queue's checks,
 * the leases held and the claim are one statement: one round trip after the caller's.
 */
export async function claimNext({ sql }: Database, ctx: ProjectContext, queueId: string, input: TClaim): Promise<Lease | null> {
  assertCan(ctx, "queues:label");
  const { userId } = requireUser(ctx.actor);
  for (let attempt = 1; attempt <= 5; attempt++) {
    const { rows } = await withRetry(() => sql.query(CLAIM, [ctx.project.id, queueId, userId, LEASE_SECONDS, input.exclude, MAX_LEASES]));
    const { status, isMember, held, picked, leased: _leased, released: _released, ...lease } = rows[0] as ClaimRow;
    if (status === null || (!isMember && !can(ctx, "queues:read"))) throw notFound("Queue");
    if (!isMember) throw new AppError("forbidden", "You are not assigned to this queue");
    if (status !== "ACTIVE") throw new AppError("conflict", `The queue is ${status.toLowerCase()}`);
    if (lease.resumed) return lease;
    if (held >= MAX_LEASES) throw new AppError("too_many_leases", `You hold ${held} items of this queue: submit or skip one first`);
    if (picked === 0) return null;
    if (lease.assignmentId) return lease;
    // The same rater claiming twice at once can pick two slots of one item: the unique
    // (item, rater) key lets one through and the other, having leased nothing, claims again.
  }
  throw new AppError("conflict", "Could not claim an item: try again");
}

type ClaimRow = Lease & { status: QueueRow["status"] | null; isMember: boolean | null; held: number; picked: number; leased: number; released: number };
