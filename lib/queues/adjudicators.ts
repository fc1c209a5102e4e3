import type { ProjectContext } from "@/lib/auth/context";
import { assertCan, can } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import type { Database } from "@/lib/db/client";
import { type Sql, prismaTransaction } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { findQueue } from "./manage";
import { isUuid } from "@/lib/ids";

// Who may settle a queue's disagreements: whoever holds `queues:adjudicate` (ADMIN,
// ENGINEER), plus the experts an ADMIN names adjudicators of that one queue. The route
// wrapper asks `isQueueAdjudicator` when the scope is missing; services ask
// `assertAdjudicator`, so a service called from elsewhere cannot skip the check.

export async function isQueueAdjudicator(sql: Sql, ctx: ProjectContext, queueId: string | undefined): Promise<boolean> {
  if (ctx.actor.kind !== "user" || !queueId || !isUuid(queueId)) return false;
  const { rows } = await sql.query({
    name: "queue-adjudicator",
    text: `SELECT 1 FROM queue_adjudicators WHERE project_id = $1 AND queue_id = $2 AND user_id = $3`,
    values: [ctx.project.id, queueId, ctx.actor.userId],
  });
  return rows.length > 0;
}

/** The scope, or being named adjudicator of this queue. */
export async function assertAdjudicator(sql: Sql, ctx: ProjectContext, queueId: string): Promise<void> {
  if (can(ctx, "queues:adjudicate") || (await isQueueAdjudicator(sql, ctx, queueId))) return;
  assertCan(ctx, "queues:adjudicate");
}

/** Whether the caller may read a queue's agreement: report readers and its adjudicators. */
export async function assertAgreementReader(sql: Sql, ctx: ProjectContext, queueId: string): Promise<void> {
  if (can(ctx, "reports:read") || (await isQueueAdjudicator(sql, ctx, queueId))) return;
  assertCan(ctx, "reports:read");
}

/**
 * The queues the caller is named adjudicator of (not archived), newest first: the per-queue
 * grant, which a role's scope does not show. Empty for API keys and for roles that adjudicate
 * every queue by their scope, who are never named.
 */
export async function adjudicatedQueues({ sql }: Database, ctx: ProjectContext): Promise<{ id: string; name: string }[]> {
  if (ctx.actor.kind !== "user") return [];
  const { rows } = await sql.query(
    `SELECT q.id, q.name FROM queue_adjudicators a JOIN queues q ON q.project_id = a.project_id AND q.id = a.queue_id
      WHERE a.project_id = $1 AND a.user_id = $2 AND q.status <> 'ARCHIVED' ORDER BY q.created_at DESC, q.id`,
    [ctx.project.id, ctx.actor.userId],
  );
  return rows;
}

export async function listAdjudicators({ sql }: Database, ctx: ProjectContext, queueId: string) {
  assertCan(ctx, "queues:read");
  const { rows } = await sql.query(
    `SELECT a.user_id AS "userId", u.name, u.email, a.created_at AS "createdAt"
       FROM queues q LEFT JOIN (queue_adjudicators a JOIN users u ON u.id = a.user_id) ON a.project_id = q.project_id AND a.queue_id = q.id
      WHERE q.project_id = $1 AND q.id = $2 ORDER BY u.name, u.id`,
    [ctx.project.id, queueId],
  );
  if (rows.length === 0) throw notFound("Queue");
  return { adjudicators: rows.filter((r) => r.userId !== null) };
}

/** Names an expert adjudicator of one queue (idempotent). Others adjudicate by their role. */
export async function addAdjudicator({ prisma: db }: Database, ctx: ProjectContext, queueId: string, userId: string) {
  assertCan(ctx, "members:manage");
  return prismaTransaction(db, async (tx) => {
    await findQueue(tx, ctx, queueId);
    const member = await tx.membership.findFirst({ where: { projectId: ctx.project.id, userId, deactivatedAt: null } });
    if (!member) throw notFound("Member");
    if (member.role !== "EXPERT") {
      throw new AppError("validation_failed", "Only experts are named adjudicators: admins and engineers adjudicate every queue by their role", [
        { path: "userId", message: `This member is ${member.role.toLowerCase()}` },
      ]);
    }
    const { count } = await tx.queueAdjudicator.createMany({ data: [{ projectId: ctx.project.id, queueId, userId }], skipDuplicates: true });
    if (count > 0)
      await recordAudit(tx, ctx.actor, {
        projectId: ctx.project.id,
        action: "queue.adjudicators.add",
        targetType: "queue",
        targetId: queueId,
        details: { userId },
      });
    return { userId, added: count > 0 };
  });
}

export async function removeAdjudicator({ prisma: db }: Database, ctx: ProjectContext, queueId: string, userId: string) {
  assertCan(ctx, "members:manage");
  return prismaTransaction(db, async (tx) => {
    await findQueue(tx, ctx, queueId);
    const { count } = await tx.queueAdjudicator.deleteMany({ where: { projectId: ctx.project.id, queueId, userId } });
    if (count === 0) throw notFound("Adjudicator");
    await recordAudit(tx, ctx.actor, {
      projectId: ctx.project.id,
      action: "queue.adjudicators.remove",
      targetType: "queue",
      targetId: queueId,
      details: { userId },
    });
    return { removed: true };
  });
}
