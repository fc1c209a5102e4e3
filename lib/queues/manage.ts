import { isDeepStrictEqual } from "node:util";
import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import type { Database, Tx } from "@/lib/db/client";
import { prismaTransaction } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { toRubricFile } from "@/lib/rubrics/format";
import { contentOf } from "@/lib/rubrics/store";
import { applyOrdering } from "./items";
import { type TMembersAdd, type TQueueCreate, type TQueueUpdate, ZOrdering } from "./schemas";
import { holdOverlap } from "./overlap-lock";

// Setting a queue up and changing it: ENGINEERs and ADMINs (queues:manage).

export async function findQueue(tx: Tx, ctx: ProjectContext, queueId: string) {
  const queue = await tx.queue.findUnique({ where: { projectId_id: { projectId: ctx.project.id, id: queueId } } });
  if (!queue) throw notFound("Queue");
  return queue;
}

/** The settings an engineer may change after creation, as the edit form shows them. */
export async function queueSettings({ prisma: db }: Database, ctx: ProjectContext, queueId: string) {
  assertCan(ctx, "queues:manage");
  const queue = await findQueue(db, ctx, queueId);
  return { name: queue.name, instructions: queue.instructions, blind: queue.blind, overlap: queue.overlap, ordering: ZOrdering.parse(queue.ordering) };
}

/**
 * A queue with the rubric version its items are labelled against, in the rubric file format:
 * what a client needs to read the queue's labels (criteria, their levels and declared orders).
 */
export async function queueWithRubric({ prisma: db }: Database, ctx: ProjectContext, queueId: string) {
  assertCan(ctx, "queues:read");
  assertCan(ctx, "rubrics:read");
  const queue = await findQueue(db, ctx, queueId);
  const version = await db.rubricVersion.findUnique({
    where: { projectId_id: { projectId: ctx.project.id, id: queue.rubricVersionId } },
    include: { criteria: true, rubric: true },
  });
  if (!version) throw notFound("Rubric version");
  const content = contentOf(version);
  const rubric = toRubricFile(version.rubric, {
    version: version.version,
    changeNote: version.changeNote,
    guidelines: content.guidelines,
    criteria: content.criteria.map(({ id: _id, ...criterion }) => criterion),
  });
  return { ...queue, rubric };
}

/** Labelers must be active members of the project who may label (not VIEWERs). */
async function assertLabelers(tx: Tx, ctx: ProjectContext, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const members = await tx.membership.findMany({
    where: { projectId: ctx.project.id, userId: { in: userIds }, deactivatedAt: null, role: { not: "VIEWER" }, user: { deactivatedAt: null } },
    select: { userId: true },
  });
  const ok = new Set(members.map((m) => m.userId));
  const bad = userIds.filter((id) => !ok.has(id));
  if (bad.length) {
    throw new AppError(
      "validation_failed",
      "Only active members who may label can be assigned",
      bad.map((id) => ({ path: "userIds", message: `${id} is not an active labeling member` })),
    );
  }
}

export async function createQueue({ prisma: db }: Database, ctx: ProjectContext, input: TQueueCreate) {
  assertCan(ctx, "queues:manage");
  return prismaTransaction(db, async (tx) => {
    const version = await tx.rubricVersion.findUnique({ where: { projectId_id: { projectId: ctx.project.id, id: input.rubricVersionId } } });
    if (!version)
      throw new AppError("validation_failed", "No such rubric version", [{ path: "rubricVersionId", message: "No such rubric version in this project" }]);
    if (version.status !== "PUBLISHED") {
      throw new AppError("validation_failed", "A queue needs a published rubric version", [
        { path: "rubricVersionId", message: "This version is a draft: publish it first" },
      ]);
    }
    const memberIds = [...new Set(input.memberUserIds)];
    await assertLabelers(tx, ctx, memberIds);
    const queue = await tx.queue.create({
      data: {
        projectId: ctx.project.id,
        name: input.name,
        instructions: input.instructions,
        rubricVersionId: version.id,
        mode: input.mode,
        overlap: input.overlap,
        blind: input.blind,
        ordering: input.ordering,
        consensusPolicy: input.consensusPolicy,
        ingestRaters: input.ingestRaters,
      },
    });
    await tx.queueMember.createMany({ data: memberIds.map((userId) => ({ projectId: ctx.project.id, queueId: queue.id, userId })) });
    await recordAudit(tx, ctx.actor, {
      projectId: ctx.project.id,
      action: "queue.create",
      targetType: "queue",
      targetId: queue.id,
      details: { name: queue.name, rubricVersionId: version.id, mode: queue.mode, overlap: queue.overlap, blind: queue.blind, members: memberIds },
    });
    return { ...queue, memberUserIds: memberIds };
  });
}

// Brings every item's open slots in line with the overlap: raising N adds slots (completed
// items reopen); lowering it removes surplus slots, free ones before leased ones, and never
// touches a submitted label. Items that have their N labels are completed, and the leases
// raters still hold on them are released (their drafts stay), so nobody keeps a lease on an
// item that needs no more labels.
const RECONCILE_SLOTS = [
  `UPDATE assignments a SET status = 'RELEASED', lease_expires_at = now()
     FROM queue_items i
    WHERE a.project_id = $1 AND a.queue_id = $2 AND a.status = 'LEASED'
      AND i.project_id = a.project_id AND i.id = a.queue_item_id AND i.status <> 'REMOVED' AND i.submitted_count >= $3`,
  `INSERT INTO queue_slots (project_id, queue_id, queue_item_id, priority)
   SELECT i.project_id, i.queue_id, i.id, i.priority FROM queue_items i
    CROSS JOIN LATERAL generate_series(1, $3 - i.submitted_count
          - (SELECT count(*) FROM queue_slots s WHERE s.project_id = i.project_id AND s.queue_item_id = i.id)::int)
    WHERE i.project_id = $1 AND i.queue_id = $2 AND i.status <> 'REMOVED' AND i.submitted_count < $3`,
  `DELETE FROM queue_slots s USING (
     SELECT s2.id, GREATEST(0, $3 - i.submitted_count) AS keep,
            row_number() OVER (PARTITION BY s2.queue_item_id ORDER BY (s2.lease_expires_at >= now()) IS TRUE DESC, s2.id) AS n
       FROM queue_slots s2 JOIN queue_items i ON i.project_id = s2.project_id AND i.id = s2.queue_item_id
      WHERE s2.project_id = $1 AND s2.queue_id = $2) x
    WHERE s.project_id = $1 AND s.id = x.id AND x.n > x.keep`,
  `UPDATE queue_items SET status = CASE WHEN submitted_count >= $3 THEN 'COMPLETED'::"QueueItemStatus" ELSE 'PENDING'::"QueueItemStatus" END
    WHERE project_id = $1 AND queue_id = $2 AND status <> 'REMOVED'
      AND status <> CASE WHEN submitted_count >= $3 THEN 'COMPLETED'::"QueueItemStatus" ELSE 'PENDING'::"QueueItemStatus" END`,
];

// Every writer of a queue's rows locks them in one order: queue, item, assignment, slot (a
// submit shares the queue's overlap lock, then locks its item, its assignment and a slot). Reconciling
// changes slots and then items, so it takes the items' locks first, in key order, and never
// holds a slot while it waits for an item.
const LOCK_ITEMS = `SELECT 1 FROM queue_items WHERE project_id = $1::uuid AND queue_id = $2::uuid ORDER BY id FOR NO KEY UPDATE`;

/** Gives each item of the queue the open slots its overlap calls for (items made outside `addItems`, N changed). */
export async function reconcileSlots(tx: Tx, projectId: string, queueId: string, overlap: number): Promise<void> {
  await tx.$executeRawUnsafe(LOCK_ITEMS, projectId, queueId);
  for (const statement of RECONCILE_SLOTS) await tx.$executeRawUnsafe(statement, projectId, queueId, overlap);
}

export async function updateQueue({ prisma: db }: Database, ctx: ProjectContext, queueId: string, input: TQueueUpdate) {
  assertCan(ctx, "queues:manage");
  return prismaTransaction(
    db,
    async (tx) => {
      // The queue row is locked first: overlap changes and item additions run one at a time.
      // NO KEY: a claim inserting an assignment takes a key-share lock on this row through its
      // foreign key while holding a slot; it must not wait here while we wait for that slot.
      const locked = await tx.$queryRawUnsafe<{ overlap: number }[]>(
        `SELECT overlap FROM queues WHERE project_id = $1::uuid AND id = $2::uuid FOR NO KEY UPDATE`,
        ctx.project.id,
        queueId,
      );
      if (!locked[0]) throw notFound("Queue");
      // A change of N also waits for submits in flight and keeps new ones out until it commits.
      if (input.overlap !== undefined) await holdOverlap(tx, queueId);
      const before = await findQueue(tx, ctx, queueId);
      if (input.ordering) await applyOrdering(tx, ctx.project.id, queueId, input.ordering);
      const queue = await tx.queue.update({
        where: { projectId_id: { projectId: ctx.project.id, id: queueId } },
        data: {
          name: input.name,
          instructions: input.instructions,
          overlap: input.overlap,
          blind: input.blind,
          status: input.status,
          consensusPolicy: input.consensusPolicy,
          ingestRaters: input.ingestRaters,
        },
      });
      if (input.overlap !== undefined && input.overlap !== before.overlap) await reconcileSlots(tx, ctx.project.id, queueId, input.overlap);
      const changed = Object.fromEntries(
        Object.entries(input)
          .filter(([k, v]) => v !== undefined && !isDeepStrictEqual(v, before[k as keyof typeof before]))
          .map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]),
      );
      await recordAudit(tx, ctx.actor, { projectId: ctx.project.id, action: "queue.update", targetType: "queue", targetId: queueId, details: changed });
      return queue;
    },
    { timeout: 60_000 },
  );
}

export async function addMembers({ prisma: db }: Database, ctx: ProjectContext, queueId: string, input: TMembersAdd) {
  assertCan(ctx, "queues:manage");
  return prismaTransaction(db, async (tx) => {
    await findQueue(tx, ctx, queueId);
    const userIds = [...new Set(input.userIds)];
    await assertLabelers(tx, ctx, userIds);
    const { count } = await tx.queueMember.createMany({
      data: userIds.map((userId) => ({ projectId: ctx.project.id, queueId, userId })),
      skipDuplicates: true,
    });
    await recordAudit(tx, ctx.actor, { projectId: ctx.project.id, action: "queue.members.add", targetType: "queue", targetId: queueId, details: { userIds } });
    return { added: count };
  });
}

/** Unassigns a rater. Their leases are released at once; what they submitted stays. */
export async function removeMember({ prisma: db }: Database, ctx: ProjectContext, queueId: string, userId: string) {
  assertCan(ctx, "queues:manage");
  return prismaTransaction(db, async (tx) => {
    await findQueue(tx, ctx, queueId);
    const { count } = await tx.queueMember.deleteMany({ where: { projectId: ctx.project.id, queueId, userId } });
    if (count === 0) throw notFound("Queue member");
    const released = await tx.$executeRawUnsafe(
      `WITH rel AS (
         UPDATE assignments SET status = 'RELEASED', lease_expires_at = now()
          WHERE project_id = $1::uuid AND queue_id = $2::uuid AND user_id = $3::uuid AND status = 'LEASED'
         RETURNING id, queue_item_id)
       UPDATE queue_slots s SET leased_by = NULL, assignment_id = NULL, lease_expires_at = NULL
         FROM rel WHERE s.project_id = $1::uuid AND s.queue_item_id = rel.queue_item_id AND s.assignment_id = rel.id`,
      ctx.project.id,
      queueId,
      userId,
    );
    await recordAudit(tx, ctx.actor, {
      projectId: ctx.project.id,
      action: "queue.members.remove",
      targetType: "queue",
      targetId: queueId,
      details: { userId, releasedLeases: released },
    });
    return { removed: true, releasedLeases: released };
  });
}
