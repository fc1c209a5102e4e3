import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Sql } from "@/lib/db/transaction";
import { prismaTransaction } from "@/lib/db/transaction";
import { sendJob } from "@/lib/jobs/send";
import { type TStoredJudgeVersion, findJudgeByName } from "@/lib/judge-versions/store";
import { estimateRun } from "@/lib/judges/cost";
import { MissingValuesError, type TParsedTemplate } from "@/lib/judges/template";
import { RUN_JUDGE } from "./job-names";
import { resolveTargets } from "./resolve";
import { getRun } from "./runs";
import type { TEstimate, TRunStart, TRunStarted } from "./schemas";
import { type TTarget, targetKey, targetValues, versionValues } from "./targets";
import { chatRequest } from "./values";
import { connectionOf, parsedTemplate, versionByName } from "./version";

// Starting a run: the targets resolved once, those this version already judged left out
// (unless re-running), the estimate shown before anything is spent, and the run with one
// item per target written in one transaction before its job is queued.

const BATCH = 500;

/** Targets this version already has a finished, current result for. */
async function alreadyJudged(sql: Sql, projectId: string, versionId: string, targets: TTarget[]): Promise<Set<string>> {
  const { rows } = await sql.query<{ traceId: string | null; queueItemId: string | null; datasetItemId: string | null }>(
    `SELECT trace_id AS "traceId", queue_item_id AS "queueItemId", dataset_item_id AS "datasetItemId" FROM judge_run_items
      WHERE project_id = $1::uuid AND judge_version_id = $2::uuid AND status = 'DONE' AND NOT superseded
        AND (trace_id = ANY($3::uuid[]) OR queue_item_id = ANY($4::uuid[]) OR dataset_item_id = ANY($5::uuid[]))`,
    [
      projectId,
      versionId,
      targets.flatMap((t) => ("traceId" in t ? [t.traceId] : [])),
      targets.flatMap((t) => ("queueItemId" in t ? [t.queueItemId] : [])),
      targets.flatMap((t) => ("datasetItemId" in t ? [t.datasetItemId] : [])),
    ],
  );
  return new Set(
    rows.map((r) => targetKey(r.traceId ? { traceId: r.traceId } : r.queueItemId ? { queueItemId: r.queueItemId } : { datasetItemId: r.datasetItemId! })),
  );
}

/** Every target's rendered messages, a batch at a time; a target missing a value counts with what it has (nothing). */
async function* renderedMessages(
  db: Database,
  projectId: string,
  version: TStoredJudgeVersion,
  template: TParsedTemplate,
  capability: Parameters<typeof chatRequest>[2],
  targets: TTarget[],
  datasetVersionId: string | null,
): AsyncGenerator<string[]> {
  const rubric = await versionValues(db.prisma, projectId, version);
  for (let i = 0; i < targets.length; i += BATCH) {
    const batch = targets.slice(i, i + BATCH);
    const values = await targetValues(db.sql, projectId, version.criterionId, batch, datasetVersionId);
    for (const t of batch) {
      try {
        yield chatRequest(template, version.criterion, capability, { ...values.get(targetKey(t)), ...rubric }).messages.map((m) => m.content);
      } catch (error) {
        if (!(error instanceof MissingValuesError)) throw error;
        yield [];
      }
    }
  }
}

export async function startRun(db: Database, ctx: ProjectContext, judgeName: string, input: TRunStart): Promise<TRunStarted> {
  assertCan(ctx, "judges:run");
  const projectId = ctx.project.id;
  // Runs already started finish; an archived judge starts no new one, not even an estimate.
  if ((await findJudgeByName(db.prisma, projectId, judgeName)).archivedAt) {
    throw new AppError("judge_archived", `The judge "${judgeName}" is archived: bring it back before running it`);
  }
  const version = await versionByName(db.prisma, projectId, judgeName, input.version);
  const template = parsedTemplate(version);
  const { connection, prices } = await connectionOf(db.prisma, projectId, version);
  const resolved = await resolveTargets(db, ctx, version, input.target);
  const judged = input.rerun ? new Set<string>() : await alreadyJudged(db.sql, projectId, version.id, resolved.targets);
  const targets = resolved.targets.filter((t) => !judged.has(targetKey(t)));

  const messages: string[][] = [];
  for await (const m of renderedMessages(db, projectId, version, template, connection.structuredOutput, targets, resolved.datasetVersionId)) messages.push(m);
  const callsPerTarget = version.mode === "pairwise" ? 2 : 1;
  const run = estimateRun({ targets: messages, callsPerTarget, outputTokensPerCall: version.parameters.maxTokens, prices });
  const estimate: TEstimate = { ...run, skipped: judged.size };
  if (input.dryRun) return { dryRun: true, estimate };

  // A run of many thousand targets writes as many items: more than the default 5 s on a busy machine.
  const runId = await prismaTransaction(
    db.prisma,
    async (tx) => {
      const created = await tx.judgeRun.create({
        data: {
          projectId,
          judgeVersionId: version.id,
          target: resolved.stored as object,
          rerun: input.rerun,
          spendCap: input.spendCap ?? null,
          estimate: estimate as object,
          options: { ...(input.concurrency ? { concurrency: input.concurrency } : {}), ...(input.rpm ? { rpm: input.rpm } : {}) },
          itemCount: targets.length,
          status: targets.length === 0 ? "COMPLETED" : "QUEUED",
          finishedAt: targets.length === 0 ? new Date() : null,
          createdByUserId: ctx.actor.kind === "user" ? ctx.actor.userId : null,
          createdByApiKeyId: ctx.actor.kind === "apiKey" ? ctx.actor.apiKeyId : null,
        },
        select: { id: true },
      });
      // One statement for every item, however many: thousands of rows are one round trip.
      const ids = (pick: (t: TTarget) => string | undefined) => targets.map((t) => pick(t) ?? null);
      await tx.$executeRawUnsafe(
        `INSERT INTO judge_run_items (project_id, run_id, judge_version_id, trace_id, queue_item_id, dataset_item_id)
       SELECT $1::uuid, $2::uuid, $3::uuid, u.t, u.q, u.d FROM unnest($4::uuid[], $5::uuid[], $6::uuid[]) AS u(t, q, d) ON CONFLICT DO NOTHING`,
        projectId,
        created.id,
        version.id,
        ids((t) => ("traceId" in t ? t.traceId : undefined)),
        ids((t) => ("queueItemId" in t ? t.queueItemId : undefined)),
        ids((t) => ("datasetItemId" in t ? t.datasetItemId : undefined)),
      );
      await recordAudit(tx, ctx.actor, {
        projectId,
        action: "judge.run_start",
        targetType: "judge_run",
        targetId: created.id,
        details: {
          judge: version.judgeName,
          version: version.version,
          target: resolved.stored,
          items: targets.length,
          estimate,
          spendCap: input.spendCap ?? null,
          rerun: input.rerun,
        },
      });
      return created.id;
    },
    { timeout: 60_000 },
  );
  if (targets.length > 0) await sendJob(RUN_JUDGE, { projectId, runId }, { singletonKey: runId });
  return { dryRun: false, run: await getRun(db, ctx, judgeName, runId) };
}
