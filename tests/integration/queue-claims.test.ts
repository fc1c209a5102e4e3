import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { database, db, pool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { claimNext } from "@/lib/queues/claim";
import { skipItem } from "@/lib/queues/labeling";
import { submitLabels } from "@/lib/queues/submit";
import { codeOf, makeProject } from "@/tests/helpers/fixtures";
import { GOOD_LABELS, contextFor, invariants, makeQueue, makeRaters, submission } from "@/tests/helpers/queues";

// The claim under load: many raters on separate connections claiming and submitting at once
// must never push an item past its overlap or let one rater label an item twice.

describe("claiming under concurrency", () => {
  it("30 raters on separate connections label 200 items with overlap 3: never more than 3 labels, never twice, all complete", async () => {
    const project = await makeProject();
    const raters = await makeRaters(project.id, 30);
    const { queueId } = await makeQueue(project, { items: 200, overlap: 3, raters });
    const contexts = await Promise.all(raters.map((r) => contextFor(project, r)));
    const perRater = await Promise.all(
      contexts.map(async (ctx) => {
        // One connection per rater, as separate processes would have.
        const client = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
        const handle = { prisma: db(), sql: client };
        let done = 0;
        try {
          for (;;) {
            const lease = await claimNext(handle, ctx, queueId, { exclude: [] });
            if (!lease) break;
            expect(lease.resumed).toBe(false);
            await submitLabels(handle, ctx, queueId, lease.itemId, submission());
            done++;
          }
        } finally {
          await client.end();
        }
        return done;
      }),
    );
    expect(perRater.reduce((a, b) => a + b, 0)).toBe(600);
    // Spread over raters, not drained by a few.
    expect(perRater.filter((n) => n > 0).length).toBeGreaterThan(10);
    expect(await invariants(queueId)).toEqual({ items: 200, completed: 200, max_labels: 3, twice: 0, miscounted: 0, slots: 0 });
  }, 120_000);

  it("lets only one of many simultaneous submits through when one label is missing", async () => {
    const project = await makeProject();
    const raters = await makeRaters(project.id, 8);
    const { queueId } = await makeQueue(project, { items: 1, overlap: 1, raters });
    const contexts = await Promise.all(raters.map((r) => contextFor(project, r)));
    // Every rater holds the one item: seven of the leases are made to look expired and reclaimed.
    const first = await claimNext(database(), contexts[0], queueId, { exclude: [] });
    const itemId = first!.itemId;
    for (const ctx of contexts.slice(1)) {
      await pool().query(`UPDATE queue_slots SET lease_expires_at = now() - interval '1 second' WHERE queue_id = $1`, [queueId]);
      expect((await claimNext(database(), ctx, queueId, { exclude: [] }))?.itemId).toBe(itemId);
    }
    const results = await Promise.all(contexts.map((ctx) => codeOf(submitLabels(database(), ctx, queueId, itemId, submission()))));
    expect(results.filter((r) => r === "resolved")).toHaveLength(1);
    expect(results.filter((r) => r === "overlap_reached")).toHaveLength(7);
    expect(await invariants(queueId)).toMatchObject({ completed: 1, max_labels: 1, twice: 0, miscounted: 0, slots: 0 });
  });

  it("never hands one rater two slots of the same item, even when they claim in parallel", async () => {
    const project = await makeProject();
    const [rater] = await makeRaters(project.id, 1);
    const { queueId } = await makeQueue(project, { items: 3, overlap: 3, raters: [rater] });
    const ctx = await contextFor(project, rater);
    const leases = await Promise.all(Array.from({ length: 3 }, () => claimNext(database(), ctx, queueId, { exclude: [] })));
    // Parallel claims may resume one another's lease; what matters is one assignment per item.
    const { rows } = await pool().query(`SELECT queue_item_id, count(*)::int AS n FROM queue_slots WHERE queue_id = $1 AND leased_by = $2 GROUP BY 1`, [
      queueId,
      rater,
    ]);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(new Set(leases.map((l) => l!.itemId)).size).toBe(rows.length);
  });

  it("keeps the database's own guard: a submitted count cannot pass the overlap", async () => {
    const project = await makeProject();
    const { queueId } = await makeQueue(project, { items: 1, overlap: 2, raters: [] });
    await expect(pool().query(`UPDATE queue_items SET submitted_count = 3 WHERE queue_id = $1`, [queueId])).rejects.toThrow(/exceed its overlap/);
    await pool().query(`UPDATE queue_items SET submitted_count = 2 WHERE queue_id = $1`, [queueId]);
  });
});

describe("leases, skips and late submits", () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  beforeAll(async () => {
    project = await makeProject();
  });

  it("treats an expired lease as free: another rater claims it with no sweeper", async () => {
    const [a, b] = await makeRaters(project.id, 2);
    const { queueId } = await makeQueue(project, { items: 1, overlap: 1, raters: [a, b] });
    const [ctxA, ctxB] = [await contextFor(project, a), await contextFor(project, b)];
    const lease = await claimNext(database(), ctxA, queueId, { exclude: [] });
    expect(lease).not.toBeNull();
    expect(await claimNext(database(), ctxB, queueId, { exclude: [] })).toBeNull();
    // A reload resumes the rater's own lease rather than taking another.
    expect(await claimNext(database(), ctxA, queueId, { exclude: [] })).toMatchObject({ itemId: lease!.itemId, resumed: true });
    await pool().query(`UPDATE queue_slots SET lease_expires_at = now() - interval '1 second' WHERE queue_id = $1`, [queueId]);
    await pool().query(`UPDATE assignments SET lease_expires_at = now() - interval '1 second' WHERE queue_id = $1`, [queueId]);
    const taken = await claimNext(database(), ctxB, queueId, { exclude: [] });
    expect(taken?.itemId).toBe(lease!.itemId);
    const { rows } = await pool().query(`SELECT user_id, status FROM assignments WHERE queue_id = $1 ORDER BY created_at`, [queueId]);
    expect(rows).toEqual([
      { user_id: a, status: "RELEASED" },
      { user_id: b, status: "LEASED" },
    ]);
  });

  it("accepts a late submit while the item is under N, and refuses it with 409 once N is reached, keeping the draft", async () => {
    const [a, b, c] = await makeRaters(project.id, 3);
    const { queueId } = await makeQueue(project, { items: 1, overlap: 2, raters: [a, b, c] });
    const [ctxA, ctxB, ctxC] = await Promise.all([a, b, c].map((u) => contextFor(project, u)));
    const itemId = (await claimNext(database(), ctxA, queueId, { exclude: [] }))!.itemId;
    await claimNext(database(), ctxB, queueId, { exclude: [] });
    await pool().query(`UPDATE queue_slots SET lease_expires_at = now() - interval '1 second' WHERE queue_id = $1`, [queueId]);
    await pool().query(`UPDATE assignments SET lease_expires_at = now() - interval '1 second' WHERE queue_id = $1`, [queueId]);
    // C takes one of the expired slots; A, whose lease ran out, still submits: 1 of 2.
    expect((await claimNext(database(), ctxC, queueId, { exclude: [] }))?.itemId).toBe(itemId);
    expect((await submitLabels(database(), ctxA, queueId, itemId, submission())).replayed).toBe(false);
    expect((await submitLabels(database(), ctxC, queueId, itemId, submission({ ...GOOD_LABELS, helpfulness: 2 }))).replayed).toBe(false);
    // B was late too, and now the item has its 2 labels.
    const late = submission({ helpfulness: 1, correct: false, rationale: "kept" });
    expect(await codeOf(submitLabels(database(), ctxB, queueId, itemId, late))).toBe("overlap_reached");
    const { rows } = await pool().query(`SELECT status, draft FROM assignments WHERE queue_item_id = $1 AND user_id = $2`, [itemId, b]);
    expect(rows[0].draft).toEqual({ values: late.values });
    expect(rows[0].status).not.toBe("SUBMITTED");
    // A client that sends its own draft along gets exactly that draft kept, to read back.
    const screenDraft = { answers: { helpfulness: 1, correct: false }, submissionId: late.submissionId, savedAt: 1 };
    expect(await codeOf(submitLabels(database(), ctxB, queueId, itemId, { ...late, draft: screenDraft }))).toBe("overlap_reached");
    const again = await pool().query(`SELECT draft FROM assignments WHERE queue_item_id = $1 AND user_id = $2`, [itemId, b]);
    expect(again.rows[0].draft).toEqual(screenDraft);
    expect(await invariants(queueId)).toMatchObject({ completed: 1, max_labels: 2, twice: 0, miscounted: 0 });
  });

  it("resumes a held lease unless excluded, prefetches another, and refuses a fourth lease with too_many_leases", async () => {
    const [a] = await makeRaters(project.id, 1);
    const { queueId } = await makeQueue(project, { items: 5, overlap: 1, raters: [a] });
    const ctx = await contextFor(project, a);
    const first = (await claimNext(database(), ctx, queueId, { exclude: [] }))!;
    expect(first).toMatchObject({ resumed: false, draft: null, leftSide: null });
    expect(first.leaseExpiresAt).toBeInstanceOf(Date);
    // A reload resumes it, as it was stored.
    const again = (await claimNext(database(), ctx, queueId, { exclude: [] }))!;
    expect(again).toEqual({ ...first, resumed: true });
    // The screen asks for the next item while showing the first: a second lease, then a third.
    const second = (await claimNext(database(), ctx, queueId, { exclude: [first.itemId] }))!;
    expect(second.resumed).toBe(false);
    expect(second.itemId).not.toBe(first.itemId);
    // Excluding the first still resumes the second, the oldest one not excluded.
    expect(await claimNext(database(), ctx, queueId, { exclude: [first.itemId] })).toMatchObject({ itemId: second.itemId, resumed: true });
    const third = (await claimNext(database(), ctx, queueId, { exclude: [first.itemId, second.itemId] }))!;
    expect(new Set([first.itemId, second.itemId, third.itemId]).size).toBe(3);
    expect(await codeOf(claimNext(database(), ctx, queueId, { exclude: [first.itemId, second.itemId, third.itemId] }))).toBe("too_many_leases");
    const { rows } = await pool().query(`SELECT count(*)::int AS n FROM assignments WHERE queue_id = $1 AND user_id = $2 AND status = 'LEASED'`, [queueId, a]);
    expect(rows[0].n).toBe(3);
  });

  it("refuses a paused queue even to a lease's holder, answers 404 to an unassigned expert and 403 to an unassigned engineer", async () => {
    const [a] = await makeRaters(project.id, 1);
    const { queueId } = await makeQueue(project, { items: 2, overlap: 1, raters: [a] });
    const ctx = await contextFor(project, a);
    await claimNext(database(), ctx, queueId, { exclude: [] });
    await pool().query(`UPDATE queues SET status = 'PAUSED' WHERE id = $1`, [queueId]);
    expect(await codeOf(claimNext(database(), ctx, queueId, { exclude: [] }))).toBe("conflict");
    await pool().query(`UPDATE queues SET status = 'ACTIVE' WHERE id = $1`, [queueId]);
    expect(await claimNext(database(), ctx, queueId, { exclude: [] })).toMatchObject({ resumed: true });
    expect(await codeOf(claimNext(database(), await contextFor(project, project.users.EXPERT.id), queueId, { exclude: [] }))).toBe("not_found");
    expect(await codeOf(claimNext(database(), await contextFor(project, project.users.ENGINEER.id), queueId, { exclude: [] }))).toBe("forbidden");
    const missing = "00000000-0000-4000-8000-000000000000";
    expect(await codeOf(claimNext(database(), ctx, missing, { exclude: [] }))).toBe("not_found");
  });

  it("refuses a submit from outside the queue (404 to an expert, 403 to an engineer) whether its values fit or not, writing nothing", async () => {
    const [a] = await makeRaters(project.id, 1);
    const { queueId } = await makeQueue(project, { items: 1, overlap: 2, raters: [a] });
    const ctx = await contextFor(project, a);
    const itemId = (await claimNext(database(), ctx, queueId, { exclude: [] }))!.itemId;
    // The rater's submit makes this process remember the queue's rubric before the outsiders try.
    await submitLabels(database(), ctx, queueId, itemId, submission());
    const expert = await contextFor(project, project.users.EXPERT.id);
    const engineer = await contextFor(project, project.users.ENGINEER.id);
    expect(await codeOf(submitLabels(database(), expert, queueId, itemId, submission()))).toBe("not_found");
    expect(await codeOf(submitLabels(database(), expert, queueId, itemId, submission({ helpfulness: 9 })))).toBe("not_found");
    expect(await codeOf(submitLabels(database(), engineer, queueId, itemId, submission()))).toBe("forbidden");
    expect(await codeOf(submitLabels(database(), engineer, queueId, itemId, submission({ helpfulness: 9 })))).toBe("forbidden");
    expect(await codeOf(submitLabels(database(), ctx, queueId, "00000000-0000-4000-8000-000000000000", submission()))).toBe("not_found");
    expect(await db().score.count({ where: { queueItemId: itemId } })).toBe(2);
    expect(await db().queueItem.findFirstOrThrow({ where: { id: itemId } })).toMatchObject({ submittedCount: 1 });
  });

  it("returns a skipped item to others but never to the skipper, and does not count it", async () => {
    const [a, b] = await makeRaters(project.id, 2);
    const { queueId } = await makeQueue(project, { items: 1, overlap: 1, raters: [a, b] });
    const [ctxA, ctxB] = [await contextFor(project, a), await contextFor(project, b)];
    const itemId = (await claimNext(database(), ctxA, queueId, { exclude: [] }))!.itemId;
    expect(await claimNext(database(), ctxB, queueId, { exclude: [] })).toBeNull();
    await skipItem(database(), ctxA, queueId, itemId, { reason: "not my field" });
    expect(await claimNext(database(), ctxA, queueId, { exclude: [] })).toBeNull();
    expect(await codeOf(submitLabels(database(), ctxA, queueId, itemId, submission()))).toBe("conflict");
    expect((await claimNext(database(), ctxB, queueId, { exclude: [] }))?.itemId).toBe(itemId);
    const item = await db().queueItem.findFirstOrThrow({ where: { id: itemId } });
    expect(item.submittedCount).toBe(0);
    const skipped = await db().assignment.findFirstOrThrow({ where: { queueItemId: itemId, userId: a } });
    expect(skipped).toMatchObject({ status: "SKIPPED", skipReason: "not my field" });
  });

  it("answers a retried submit with the first result and never duplicates labels", async () => {
    const [a] = await makeRaters(project.id, 1);
    const { queueId } = await makeQueue(project, { items: 1, overlap: 1, raters: [a] });
    const ctx = await contextFor(project, a);
    const itemId = (await claimNext(database(), ctx, queueId, { exclude: [] }))!.itemId;
    const once = submission();
    const results = await Promise.all([1, 2, 3].map(() => submitLabels(database(), ctx, queueId, itemId, once)));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    for (const r of results) expect(r.scores.map((s) => s.id).sort()).toEqual(results[0].scores.map((s) => s.id).sort());
    expect(await db().score.count({ where: { queueItemId: itemId } })).toBe(2);
    expect(await codeOf(submitLabels(database(), ctx, queueId, itemId, submission()))).toBe("already_submitted");
  });

  it("refuses labels that do not fit the rubric, and keeps the lease", async () => {
    const [a] = await makeRaters(project.id, 1);
    const { queueId } = await makeQueue(project, { items: 1, overlap: 1, raters: [a] });
    const ctx = await contextFor(project, a);
    const itemId = (await claimNext(database(), ctx, queueId, { exclude: [] }))!.itemId;
    const error = await submitLabels(database(), ctx, queueId, itemId, submission({ helpfulness: 9 })).catch((e) => e as AppError);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors?.map((f) => f.path).sort()).toEqual(["values.correct", "values.helpfulness"]);
    expect(await db().assignment.findFirstOrThrow({ where: { queueItemId: itemId } })).toMatchObject({ status: "LEASED" });
  });
});
