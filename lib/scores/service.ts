import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { type Database, type Db, isDatabaseUnavailable } from "@/lib/db/client";
import { prismaTransaction } from "@/lib/db/transaction";
import { AppError, ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { log } from "@/lib/ops/log";
import { LimitError, badTextPath, checkField, hasBadText } from "@/lib/traces/limits";
import type { TItemResult } from "@/lib/traces/schemas";
import { resolveRubricScore } from "./rubric-ref";
import { encodeUntyped, prismaColumns } from "./codec";
import { type TScoreIn, ZScoreIn, externalRater } from "./schemas";

// Scores through the public API. Each item is its own transaction: a revision (mark the
// current row superseded, append the new one) must be atomic, and one bad item must not
// undo its neighbours. Scores arrive far less often than traces, so the per-item cost is fine.

const MAX_SCORES = 1000;

function rater(ctx: ProjectContext, s: TScoreIn) {
  const external = externalRater(s);
  if (external?.name) return { raterName: external.name, raterVersion: external.version, raterUserId: null, raterApiKeyId: null };
  if (ctx.actor.kind === "apiKey") return { raterApiKeyId: ctx.actor.apiKeyId, raterUserId: null, raterName: null, raterVersion: null };
  return { raterUserId: ctx.actor.userId, raterApiKeyId: null, raterName: null, raterVersion: null };
}

async function writeScore(db: Db, ctx: ProjectContext, s: TScoreIn): Promise<string> {
  const projectId = ctx.project.id;
  return prismaTransaction(db, async (tx) => {
    if (s.id) {
      const existing = await tx.score.findUnique({ where: { projectId_externalId: { projectId, externalId: s.id } }, select: { id: true } });
      if (existing) return s.id;
    }
    const trace = await tx.trace.findUnique({ where: { projectId_externalId: { projectId, externalId: s.traceId } }, select: { id: true } });
    if (!trace) throw new AppError("trace_not_found", `No trace with id "${s.traceId}"`);
    let spanRowId: string | null = null;
    if (s.spanId) {
      const span = await tx.span.findUnique({ where: { projectId_traceId_spanId: { projectId, traceId: trace.id, spanId: s.spanId } }, select: { id: true } });
      if (!span) throw new AppError("span_not_found", `The trace has no span "${s.spanId}"`);
      spanRowId = span.id;
    }
    const criterion = s.rubric ? await resolveRubricScore(tx, projectId, s.rubric, s.value) : null;
    const value = prismaColumns(criterion ? criterion.columns : encodeUntyped(s.value, s.dataType));
    const who = rater(ctx, s);
    const target = spanRowId ? { traceId: null, spanId: spanRowId } : { traceId: trace.id, spanId: null };
    // The same rater scoring the same target under the same name again: a new revision.
    const current = await tx.score.findFirst({
      where: { projectId, ...target, queueItemId: null, name: s.name, isCurrent: true, ...who },
      select: { id: true, revision: true },
    });
    if (current) await tx.score.update({ where: { projectId_id: { projectId, id: current.id } }, data: { isCurrent: false } });
    const created = await tx.score.create({
      data: {
        projectId,
        externalId: s.id ?? null,
        ...target,
        name: s.name,
        ...value,
        comment: s.comment ?? null,
        source: s.source,
        ...who,
        rubricVersionId: criterion?.rubricVersionId ?? null,
        criterionId: criterion?.criterionId ?? null,
        revision: (current?.revision ?? 0) + 1,
        supersedesId: current?.id ?? null,
      },
      select: { id: true },
    });
    // A person's label freezes what they rated (see the frozen-content rule of ingestion).
    if (s.source === "HUMAN") await tx.trace.updateMany({ where: { projectId, id: trace.id, lockedAt: null }, data: { lockedAt: new Date() } });
    return s.id ?? created.id;
  });
}

const isUniqueViolation = (e: unknown) => typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The text policy for one score (see lib/traces/limits): the value and comment are content,
 * cleaned and flagged; every other field names or identifies something, so bad text there is refused.
 */
function cleanScore(raw: unknown): { item: unknown; replaced: boolean } {
  if (!isRecord(raw)) return { item: raw, replaced: false };
  const { value, comment, ...names } = raw;
  const bad = badTextPath(names);
  if (bad !== null) throw new AppError("invalid_text", `${bad}: NUL characters and lone surrogates are not accepted here`);
  const v = checkField("value", value);
  const c = checkField("comment", comment);
  return { item: { ...names, value: v.value, comment: c.value }, replaced: v.replaced || c.replaced };
}

/** An item's failure as its own result: the items before it are committed, so nothing may fail the batch. */
function rejection(index: number, id: string | undefined, error: unknown): TItemResult {
  let code: ErrorCode = "internal_error";
  let message = "Something went wrong on our side.";
  if (error instanceof AppError) [code, message] = [error.code, error.message];
  else if (error instanceof LimitError) [code, message] = [error.code, error.message];
  else if (isDatabaseUnavailable(error)) [code, message] = ["database_unavailable", "The database cannot be reached right now. Try again shortly."];
  else log().error({ err: error }, "unhandled error in a score");
  return { index, status: "rejected", ...(id ? { id } : {}), code, httpStatus: ERROR_STATUS[code], message };
}

/** `POST /api/v1/scores`: one result per item, idempotent on each item's `id`. */
export async function ingestScores(
  { prisma: db }: Database,
  ctx: ProjectContext,
  items: unknown[],
): Promise<{ results: TItemResult[]; accepted: number; rejected: number }> {
  assertCan(ctx, "scores:write");
  if (items.length > MAX_SCORES) throw new AppError("batch_too_large", `A batch may hold at most ${MAX_SCORES} scores; this one holds ${items.length}`);
  const results: TItemResult[] = [];
  for (const [index, raw] of items.entries()) {
    const givenId = isRecord(raw) && typeof raw.id === "string" && !hasBadText(raw.id) ? raw.id : undefined;
    try {
      const { item, replaced } = cleanScore(raw);
      const parsed = ZScoreIn.safeParse(item);
      if (!parsed.success) {
        const message = parsed.error.issues.map((i) => `${i.path.join(".") || "score"}: ${i.message}`).join("; ");
        results.push({ index, status: "rejected", code: "validation_failed", httpStatus: 422, message });
        continue;
      }
      let id: string;
      try {
        id = await writeScore(db, ctx, parsed.data);
      } catch (error) {
        // A concurrent retry or revision of the same score won the race: the second attempt sees its row.
        if (!isUniqueViolation(error)) throw error;
        id = await writeScore(db, ctx, parsed.data);
      }
      results.push({ index, status: "accepted", id, ...(replaced ? { warnings: ["text_replaced"] } : {}) });
    } catch (error) {
      results.push(rejection(index, givenId, error));
    }
  }
  const accepted = results.filter((r) => r.status === "accepted").length;
  return { results, accepted, rejected: results.length - accepted };
}
