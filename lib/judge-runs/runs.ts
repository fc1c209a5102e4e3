import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import type { Database, Tx } from "@/lib/db/client";
import { prismaTransaction } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { findJudgeByName } from "@/lib/judge-versions/store";
import type { TRun, TRunItem, TRunItemsQuery, TRunStatus } from "./schemas";
import { isUuid } from "@/lib/ids";

// Reading runs for the run screens and the API, and cancelling one. A run is addressed under
// its judge's name: a run id of another judge (or project) is not found.

const FINISHED: readonly TRunStatus[] = ["COMPLETED", "CANCELLED", "CAPPED", "FAILED"];

type RunRow = NonNullable<Awaited<ReturnType<typeof findRunRows>>>[number];
const findRunRows = (db: Tx, projectId: string, judgeId: string, runId?: string) =>
  db.judgeRun.findMany({
    where: { projectId, judgeVersion: { judgeId }, ...(runId ? { id: runId } : {}) },
    include: { judgeVersion: { select: { version: true, judge: { select: { name: true } } } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
  });

async function countsOf(db: Tx, projectId: string, runIds: string[]): Promise<Map<string, TRun["counts"]>> {
  const groups = await db.judgeRunItem.groupBy({ by: ["runId", "status"], where: { projectId, runId: { in: runIds } }, _count: { _all: true } });
  const out = new Map<string, TRun["counts"]>();
  for (const id of runIds) out.set(id, { total: 0, PENDING: 0, DONE: 0, ERROR: 0, SKIPPED: 0 });
  for (const g of groups) {
    const counts = out.get(g.runId)!;
    counts[g.status as keyof Omit<TRun["counts"], "total">] = g._count._all;
    counts.total += g._count._all;
  }
  return out;
}

/** Finished targets per second since the run started, and the seconds the pending ones will take at that pace. */
export function pace(
  counts: TRun["counts"],
  startedAt: Date | null,
  finishedAt: Date | null,
  now: Date,
): { ratePerSecond: number | null; etaSeconds: number | null } {
  if (!startedAt) return { ratePerSecond: null, etaSeconds: null };
  const seconds = ((finishedAt ?? now).getTime() - startedAt.getTime()) / 1000;
  const finished = counts.total - counts.PENDING;
  if (seconds <= 0 || finished === 0) return { ratePerSecond: null, etaSeconds: null };
  const rate = finished / seconds;
  return { ratePerSecond: rate, etaSeconds: finishedAt ? 0 : counts.PENDING / rate };
}

function toRun(row: RunRow, counts: TRun["counts"]): TRun {
  return {
    id: row.id,
    judgeName: row.judgeVersion.judge.name,
    version: row.judgeVersion.version ?? 0,
    status: row.status as TRunStatus,
    target: row.target as Record<string, unknown>,
    rerun: row.rerun,
    spendCap: row.spendCap === null ? null : Number(row.spendCap),
    estimate: row.estimate as Record<string, unknown>,
    counts,
    inputTokens: Number(row.inputTokens),
    outputTokens: Number(row.outputTokens),
    cost: Number(row.cost),
    ...pace(counts, row.startedAt, row.finishedAt, new Date()),
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export async function listRuns({ prisma }: Database, ctx: ProjectContext, judgeName: string): Promise<{ runs: TRun[] }> {
  assertCan(ctx, "judges:read");
  const judge = await findJudgeByName(prisma, ctx.project.id, judgeName);
  const rows = await findRunRows(prisma, ctx.project.id, judge.id);
  const counts = await countsOf(
    prisma,
    ctx.project.id,
    rows.map((r) => r.id),
  );
  return { runs: rows.map((r) => toRun(r, counts.get(r.id)!)) };
}

async function runRow(db: Tx, projectId: string, judgeName: string, runId: string): Promise<RunRow> {
  const judge = await findJudgeByName(db, projectId, judgeName);
  if (!isUuid(runId)) throw notFound("Run");
  const [row] = await findRunRows(db, projectId, judge.id, runId);
  if (!row) throw notFound("Run");
  return row;
}

export async function getRun({ prisma }: Database, ctx: ProjectContext, judgeName: string, runId: string): Promise<TRun> {
  assertCan(ctx, "judges:read");
  const row = await runRow(prisma, ctx.project.id, judgeName, runId);
  return toRun(row, (await countsOf(prisma, ctx.project.id, [row.id])).get(row.id)!);
}

export async function listRunItems(
  { sql, prisma }: Database,
  ctx: ProjectContext,
  judgeName: string,
  runId: string,
  query: TRunItemsQuery,
): Promise<{ items: TRunItem[]; nextCursor: string | null }> {
  assertCan(ctx, "judges:read");
  const row = await runRow(prisma, ctx.project.id, judgeName, runId);
  const { rows } = await sql.query(
    `SELECT i.id, i.trace_id AS "traceId", i.queue_item_id AS "queueItemId", i.dataset_item_id AS "datasetItemId", t.external_id AS "traceExternalId",
            i.status, i.superseded, i.attempts, i.value, i.rationale, i.error_code AS "errorCode", i.error_message AS "errorMessage",
            i.input_tokens AS "inputTokens", i.output_tokens AS "outputTokens", i.cost::float8 AS cost, i.latency_ms AS "latencyMs"
       FROM judge_run_items i LEFT JOIN traces t ON t.project_id = i.project_id AND t.id = i.trace_id
      WHERE i.project_id = $1::uuid AND i.run_id = $2::uuid AND ($3::text IS NULL OR i.status = $3) AND ($4::uuid IS NULL OR i.id > $4::uuid)
      ORDER BY i.id LIMIT $5`,
    [ctx.project.id, row.id, query.status ?? null, query.cursor ?? null, query.limit + 1],
  );
  const page = rows.slice(0, query.limit);
  const items: TRunItem[] = page.map((r) => ({
    id: r.id,
    target: r.traceId
      ? { kind: "trace", id: r.traceId, label: r.traceExternalId }
      : r.queueItemId
        ? { kind: "queueItem", id: r.queueItemId, label: null }
        : { kind: "datasetItem", id: r.datasetItemId, label: null },
    status: r.status,
    superseded: r.superseded,
    attempts: r.attempts,
    value: r.value,
    rationale: r.rationale,
    errorCode: r.errorCode,
    errorMessage: r.errorMessage,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    cost: r.cost,
    latencyMs: r.latencyMs,
  }));
  return { items, nextCursor: rows.length > query.limit ? page[page.length - 1].id : null };
}

/** Stops a run: workers claim nothing more; calls in flight finish and may still be stored once. */
export async function cancelRun(db: Database, ctx: ProjectContext, judgeName: string, runId: string): Promise<TRun> {
  assertCan(ctx, "judges:run");
  const projectId = ctx.project.id;
  await prismaTransaction(db.prisma, async (tx) => {
    const row = await runRow(tx, projectId, judgeName, runId);
    if (FINISHED.includes(row.status as TRunStatus)) throw new AppError("conflict", `The run is already ${row.status.toLowerCase()}`);
    const changed = await tx.judgeRun.updateMany({
      where: { projectId, id: row.id, status: { in: ["QUEUED", "RUNNING"] } },
      data: { status: "CANCELLED", finishedAt: new Date() },
    });
    if (changed.count === 0) throw new AppError("conflict", "The run finished meanwhile");
    await recordAudit(tx, ctx.actor, {
      projectId,
      action: "judge.run_cancel",
      targetType: "judge_run",
      targetId: row.id,
      details: { judge: row.judgeVersion.judge.name, version: row.judgeVersion.version },
    });
  });
  return getRun(db, ctx, judgeName, runId);
}
