import pg from "pg";
import { describe, expect, it } from "vitest";
import { db, pool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { claimNext } from "@/lib/queues/claim";
import { removeMember, updateQueue } from "@/lib/queues/manage";
import { submitLabels } from "@/lib/queues/submit";
import { makeProject } from "@/tests/helpers/fixtures";
import { contextFor, invariants, makeQueue, makeRaters, submission } from "@/tests/helpers/queues";

// Raters claiming and submitting while an engineer changes N and removes raters: whatever
// the interleaving, no statement may fail for lock order (no deadlock reaches a caller) and
// the queue's rows must agree with each other afterwards.

/** Codes a rater may hear when the queue changes under them; anything else fails the test. */
const EXPECTED = new Set(["overlap_reached", "forbidden", "not_found"]);

async function rater(ctx: Awaited<ReturnType<typeof contextFor>>, queueId: string, errors: unknown[]) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  let done = 0;
  try {
    // Bounded: a rater never labels more items than the queue holds.
    for (let step = 0; step < 200; step++) {
      try {
        const lease = await claimNext(client, ctx, queueId, { exclude: [] });
        if (!lease) break;
        await submitLabels(client, ctx, queueId, lease.itemId, submission());
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
        await updateQueue(db(), manager, queueId, { overlap }).catch((error) => errors.push(error));
        if (i < removed.length) await removeMember(db(), manager, queueId, removed[i]).catch((error) => errors.push(error));
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
