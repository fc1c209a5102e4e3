import pg from "pg";
import { describe, expect, it } from "vitest";
import { database, db, pool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { claimNext } from "@/lib/queues/claim";
import { removeMember, updateQueue } from "@/lib/queues/manage";
import { holdOverlap } from "@/lib/queues/overlap-lock";
import { submitLabels } from "@/lib/queues/submit";
import { makeProject } from "@/tests/helpers/fixtures";
import { contextFor, invariants, makeQueue, makeRaters, submission } from "@/tests/helpers/queues";

// Raters claiming and submitting while an engineer changes N and removes raters: whatever
// the interleaving, no statement may fail for lock order (no deadlock reaches a caller) and
// the queue's rows must agree with each other afterwards.

/** Codes a rater may hear when the queue changes under them; anything else fails the test. */
const EXPECTED = new Set(["overlap_reached", "forbidden", "not_found"]);

async function rater(ctx: Awaited<ReturnType<typeof contextFor>>, queueId: string, errors: unknown[]) {
  // One connection per rater, as separate processes would have.
  const client = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  const handle = { prisma: db(), sql: client };
  let done = 0;
  try {
    // Bounded: a rater never labels more items than the queue holds.
    for (let step = 0; step < 200; step++) {
      try {
        const lease = await claimNext(handle, ctx, queueId, { exclude: [] });
        if (!lease) break;
        await submitLabels(handle, ctx, queueId, lease.itemId, submission());
        done++;
      } catch (error) {
        if (error instanceof AppError && EXPECTED.has(error.code)) {
          if (error.code !== "overlap_reached") break;
          continue;
        }
        errors.push(error);
        break;
      }
    }
  } finally {
    await client.end();
  }
  return done;
}

/** Open slots and statuses that disagree with the final overlap, and removed raters still holding work. */
async function slotsAgree(queueId: string, overlap: number, removed: string[]) {
  const { rows } = await pool().query(
    `SELECT
       (SELECT count(*) FROM queue_items i
         WHERE i.queue_id = $1 AND (SELECT count(*) FROM queue_slots s WHERE s.queue_item_id = i.id) <> GREATEST(0, $2 - i.submitted_count))::int AS wrong_slots,
       (SELECT count(*) FROM queue_items i
         WHERE i.queue_id = $1 AND (i.status = 'COMPLETED') <> (i.submitted_count >= $2))::int AS wrong_status,
       (SELECT count(*) FROM queue_items i
         WHERE i.queue_id = $1 AND i.submitted_count <> (SELECT count(*) FROM scores s WHERE s.queue_item_id = i.id AND s.name = 'helpfulness' AND s.is_current))::int AS wrong_labels,
       (SELECT count(*) FROM assignments a WHERE a.queue_id = $1 AND a.user_id = ANY($3::uuid[]) AND a.status = 'LEASED' AND a.lease_expires_at > now())::int AS removed_leases`,
    [queueId, overlap, removed],
  );
  return rows[0];
}

describe("changing a queue while raters work, all at once", () => {
  it("keeps every count and slot in agreement through concurrent submits, claims, changes of N and removals", async () => {
    const project = await makeProject();
    const raters = await makeRaters(project.id, 10);
    const { queueId, manager } = await makeQueue(project, { items: 40, overlap: 2, raters });
    const contexts = await Promise.all(raters.map((r) => contextFor(project, r)));
    const errors: unknown[] = [];
    const removed = raters.slice(0, 3);

    const engineer = (async () => {
      for (const [i, overlap] of [3, 1, 4, 2, 1, 3, 2].entries()) {
        await updateQueue(database(), manager, queueId, { overlap }).catch((error) => errors.push(error));
        if (i < removed.length) await removeMember(database(), manager, queueId, removed[i]).catch((error) => errors.push(error));
      }
    })();
    const work = contexts.map((ctx) => rater(ctx, queueId, errors));
    await engineer;
    await Promise.all(work);
    // With N settled at 2, the raters still assigned finish what is left.
    await Promise.all(contexts.slice(removed.length).map((ctx) => rater(ctx, queueId, errors)));

    expect(errors).toEqual([]);
    const final = await invariants(queueId);
    expect(final).toMatchObject({ items: 40, completed: 40, twice: 0, miscounted: 0, slots: 0 });
    expect(await slotsAgree(queueId, 2, removed)).toEqual({ wrong_slots: 0, wrong_status: 0, wrong_labels: 0, removed_leases: 0 });
  }, 120_000);
});

/**
 * A submit that arrives while a change of N is in flight, held at the point where the change
 * has written the new N and locked the queue's items (as reconciling does), then committed:
 * the submit must count against the new N, never the one its statement would have seen had it
 * started before the change committed.
 */
async function submitDuringChangeOfN(from: number, to: number) {
  const project = await makeProject();
  const raters = await makeRaters(project.id, 2);
  const { queueId } = await makeQueue(project, { items: 1, overlap: from, raters });
  const [first, second] = await Promise.all(raters.map((r) => contextFor(project, r)));
  const lease = await claimNext(database(), first, queueId, { exclude: [] });
  await submitLabels(database(), first, queueId, lease!.itemId, submission());
  await claimNext(database(), second, queueId, { exclude: [] });

  const change = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await change.connect();
  try {
    await change.query("BEGIN");
    await holdOverlap(change, queueId);
    await change.query(`UPDATE queues SET overlap = $2 WHERE id = $1`, [queueId, to]);
    await change.query(`SELECT 1 FROM queue_items WHERE queue_id = $1 ORDER BY id FOR NO KEY UPDATE`, [queueId]);
    const submitted = submitLabels(database(), second, queueId, lease!.itemId, submission()).then(
      () => "counted",
      (error: unknown) => (error instanceof AppError ? error.code : error),
    );
    // The submit is waiting on a lock this change holds (observed, not assumed after a delay).
    for (let polls = 0; ; polls++) {
      const { rows } = await change.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      );
      if (rows[0].n > 0) break;
      if (polls > 500) throw new Error("the submit never waited for the change of N");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await change.query("COMMIT");
    const outcome = await submitted;
    const { rows } = await pool().query(`SELECT submitted_count AS count, status FROM queue_items WHERE queue_id = $1`, [queueId]);
    return { outcome, item: rows[0] };
  } finally {
    await change.end();
  }
}

describe("a submit racing a change of N", () => {
  it("counts against the lowered N committed while it waited: 409, nothing written", async () => {
    const { outcome, item } = await submitDuringChangeOfN(3, 1);
    expect(outcome).toBe("overlap_reached");
    expect(item).toMatchObject({ count: 1 });
  });

  it("counts against the raised N committed while it waited: the item stays open for its last label", async () => {
    const { outcome, item } = await submitDuringChangeOfN(2, 3);
    expect(outcome).toBe("counted");
    expect(item).toEqual({ count: 2, status: "PENDING" });
  });
});
