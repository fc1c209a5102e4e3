import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import type { Db, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { notFound } from "@/lib/errors";
import { decodeValue } from "@/lib/scores/codec";
import { currentScoresForTraceApi } from "@/lib/scores/reads";
import type { TDeleteReason, TRetentionUpdate } from "./schemas";

// Reading and deleting traces through the public API. Every query names the project.

/** One trace by its external id, with its spans and current scores. */
export async function getTrace(db: Tx, ctx: ProjectContext, externalId: string) {
  assertCan(ctx, "traces:read");
  const projectId = ctx.project.id;
  const trace = await db.trace.findUnique({ where: { projectId_externalId: { projectId, externalId } } });
  if (!trace) throw notFound("Trace");
  const [spans, scores] = await Promise.all([
    db.span.findMany({ where: { projectId, traceId: trace.id }, orderBy: [{ startTime: "asc" }, { spanId: "asc" }] }),
    currentScoresForTraceApi(db, projectId, trace.id),
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
        spanId: s.span?.spanId ?? null,
        name: s.name,
        dataType: s.dataType,
        value: decodeValue(s),
        comment: s.comment,
        source: s.source,
        rater: s.raterUserId ? { user: s.raterUserId } : s.raterApiKeyId ? { apiKey: s.raterApiKeyId } : { name: s.raterName, version: s.raterVersion },
        rubric: s.rubricVersion ? { rubric: s.rubricVersion.rubric.slug, version: s.rubricVersion.version, criterion: s.criterion?.key ?? null } : null,
        revision: s.revision,
        createdAt: s.createdAt,
      })),
    },
  };
}

/** Deletes one trace with its spans, scores, queue items and comments (foreign keys cascade). */
export async function deleteTrace(db: Db, ctx: ProjectContext, externalId: string, input: TDeleteReason) {
  assertCan(ctx, "traces:delete");
  const projectId = ctx.project.id;
  return db.$transaction(async (tx) => {
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

/** Deletes in chunks of ids so a large set never holds one long transaction. */
export async function deleteTraceIds(db: Tx, projectId: string, where: Prisma.TraceWhereInput): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = await db.trace.findMany({ where: { ...where, projectId }, select: { id: true }, take: DELETE_CHUNK });
    if (!ids.length) return total;
    const { count } = await db.trace.deleteMany({ where: { projectId, id: { in: ids.map((i) => i.id) } } });
    total += count;
  }
}

/** A data-subject request: every trace of one end user of the project's application. */
export async function deleteEndUserTraces(db: Db, ctx: ProjectContext, endUserId: string, input: TDeleteReason) {
  assertCan(ctx, "traces:delete");
  const projectId = ctx.project.id;
  const deleted = await deleteTraceIds(db, projectId, { endUserId });
  // The end user's id is what the request names; it is kept so the deletion can be shown to have happened.
  await recordAudit(db, ctx.actor, {
    projectId,
    action: "trace.delete_end_user",
    targetType: "end_user",
    targetId: endUserId,
    details: { deleted, reason: input.reason },
  });
  return { deleted };
}

export async function setRetention(db: Db, ctx: ProjectContext, input: TRetentionUpdate) {
  assertCan(ctx, "settings:manage");
  const projectId = ctx.project.id;
  return db.$transaction(async (tx) => {
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
