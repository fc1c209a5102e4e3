import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import { redactRevisions, revisionsFromEndUser } from "@/lib/datasets/erasure";
import type { Database, Tx } from "@/lib/db/client";
import { prismaTransaction } from "@/lib/db/transaction";
import type { Prisma } from "@/lib/db/generated/client";
import { notFound } from "@/lib/errors";
import { readAllJudgments } from "@/lib/scores/reader";
import type { TDeleteReason, TRetentionUpdate } from "./schemas";

// Reading and deleting traces through the public API. Every query names the project.

/** One trace by its external id, with its spans and current scores. */
export async function getTrace({ prisma: db }: Database, ctx: ProjectContext, externalId: string) {
  assertCan(ctx, "traces:read");
  const projectId = ctx.project.id;
  const trace = await db.trace.findUnique({ where: { projectId_externalId: { projectId, externalId } } });
  if (!trace) throw notFound("Trace");
  const [spans, scores] = await Promise.all([
    db.span.findMany({ where: { projectId, traceId: trace.id }, orderBy: [{ startTime: "asc" }, { spanId: "asc" }] }),
    readAllJudgments(
      db,
      projectId,
      { traceIds: [trace.id], targets: ["trace", "span"], revisions: "current" },
      { order: "created", names: true, firstSubmittedAt: false },
    ),
  ]);
  const { id: _id, projectId: _p, externalId: ext, endUserId, ...rest } = trace;
  return {
    trace: {
      id: ext,
      userId: endUserId,
      ...rest,
      spans: spans.map(({ projectId: _sp, traceId: _t, id: _sid, spanId, parentSpanId, ...s }) => ({ id: spanId, parentId: parentSpanId, ...s })),
      scores: scores.map((s) => ({
        id: s.externalId ?? s.id,
        spanId: s.names.span?.ref ?? null,
        name: s.name,
        dataType: s.dataType,
        value: s.value,
        comment: s.comment,
        source: s.source,
        rater:
          s.rater.kind === "user"
            ? { user: s.rater.id }
            : s.rater.kind === "apiKey"
              ? { apiKey: s.rater.id }
              : { name: s.rater.name, version: s.rater.version },
        rubric: s.names.rubric ? { rubric: s.names.rubric.slug, version: s.names.rubric.version, criterion: s.criterionKey } : null,
        revision: s.revision,
        createdAt: s.createdAt,
      })),
    },
  };
}

/** Deletes one trace with its spans, scores, queue items and comments (foreign keys cascade). */
export async function deleteTrace({ prisma: db }: Database, ctx: ProjectContext, externalId: string, input: TDeleteReason) {
  assertCan(ctx, "traces:delete");
  const projectId = ctx.project.id;
  return prismaTransaction(db, async (tx) => {
    const trace = await tx.trace.findUnique({ where: { projectId_externalId: { projectId, externalId } }, select: { id: true } });
    if (!trace) throw notFound("Trace");
    await tx.trace.delete({ where: { projectId_id: { projectId, id: trace.id } } });
    await recordAudit(tx, ctx.actor, {
      projectId,
      action: "trace.delete",
      targetType: "trace",
      targetId: trace.id,
      details: { externalId, reason: input.reason },
    });
    return { deleted: 1 };
  });
}

const DELETE_CHUNK = 1000;

/** Deletes in chunks of ids, so no statement carries a huge list and, outside a transaction, no run holds one long one. */
export async function deleteTraceIds(db: Tx, projectId: string, where: Prisma.TraceWhereInput): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = await db.trace.findMany({ where: { ...where, projectId }, select: { id: true }, take: DELETE_CHUNK });
    if (!ids.length) return total;
    const { count } = await db.trace.deleteMany({ where: { projectId, id: { in: ids.map((i) => i.id) } } });
    total += count;
  }
}

/**
 * A data-subject request: every trace of one end user of the project's application, and the
 * content of dataset items copied from them (redacted, in the same transaction, so no version
 * keeps what the traces held once the deletion is answered).
 */
export async function deleteEndUserTraces({ prisma: db }: Database, ctx: ProjectContext, endUserId: string, input: TDeleteReason) {
  assertCan(ctx, "traces:delete");
  const projectId = ctx.project.id;
  return prismaTransaction(
    db,
    async (tx) => {
      const copied = await revisionsFromEndUser(tx, projectId, endUserId);
      const deleted = await deleteTraceIds(tx, projectId, { endUserId });
      // The end user's id is what the request names; it is kept so the deletion can be shown to have happened.
      const eventId = await recordAudit(tx, ctx.actor, {
        projectId,
        action: "trace.delete_end_user",
        targetType: "end_user",
        targetId: endUserId,
        details: { deleted, reason: input.reason, datasetItemsRedacted: copied.length },
      });
      await redactRevisions(tx, ctx.actor, projectId, copied, eventId);
      return { deleted };
    },
    { timeout: 600_000 },
  );
}

export async function setRetention({ prisma: db }: Database, ctx: ProjectContext, input: TRetentionUpdate) {
  assertCan(ctx, "settings:manage");
  const projectId = ctx.project.id;
  return prismaTransaction(db, async (tx) => {
    const before = await tx.project.findUnique({ where: { id: projectId }, select: { retentionDays: true } });
    const after = await tx.project.update({ where: { id: projectId }, data: { retentionDays: input.retentionDays }, select: { retentionDays: true } });
    await recordAudit(tx, ctx.actor, {
      projectId,
      action: "project.retention",
      targetType: "project",
      targetId: projectId,
      details: { before: before?.retentionDays ?? null, after: after.retentionDays },
    });
    return after;
  });
}
