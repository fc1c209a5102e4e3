import type { Database } from "@/lib/db/client";
import type { JudgeRun } from "@/lib/db/generated/client";
import { openConnection } from "@/lib/connections/client";
import { loadJudgeVersion } from "@/lib/judge-versions/store";
import { answerParser } from "@/lib/judges/answer";
import { costOf, estimatePromptTokens, DEFAULT_OUTPUT_TOKENS, spendCheck } from "@/lib/judges/cost";
import { parseTemplate } from "@/lib/judges/template";
import { log } from "@/lib/ops/log";
import { MAX_CALL_ATTEMPTS, callModel } from "./call";
import { judgeTarget } from "./judge-target";
import { callLimits } from "./limits";
import { type TClaimedItem, type TRunRef, storeError } from "./store";
import { targetKey, targetValues, versionValues } from "./targets";
import { connectionOf } from "./version";
import { resultWriter } from "./writer";

// The run's worker: claims PENDING items a batch at a time in one statement (SKIP LOCKED, a
// lease, attempts + 1), judges them with a bounded number of calls in flight, and stores the
// results in groups as they come (writer.ts; errors one by one). Another worker (a restart, another instance) takes over PENDING items
// and lapsed leases; the run ends COMPLETED when nothing is pending.
//
// One worker per run at a time: the run's limits (calls in flight, requests a minute) are counted
// by its worker, so a second worker would double them. The worker holds a session advisory lock
// on the run while it works; a second job for the run (the sweep's, a retried one) finds it held
// and ends at once. A crashed worker's connection closes and lets go of the lock with it.

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_LEASE_MS = 10 * 60_000;

export interface WorkOptions {
  /** The first wait of the backoff on 429 and 5xx without Retry-After. */
  backoffBaseMs?: number;
  leaseMs?: number;
  /** Stop claiming after this many stored outcomes, leaving claimed items leased: a worker that dies mid-run. */
  stopAfter?: number;
  /** Aborted when the instance shuts down: calls in flight are stored, claimed items not yet called are released. */
  signal?: AbortSignal;
}

// The advisory lock space of judge runs (the second key is the run id's hash); a hash shared by
// two runs only makes one wait for the other's worker, and the sweep hands it on after.
const RUN_LOCK_SPACE = 7_210_001;

const CLAIM = `
UPDATE judge_run_items i SET attempts = i.attempts + 1, lease_expires_at = now() + ($4::int * interval '1 millisecond'), updated_at = now()
  FROM (SELECT project_id, id FROM judge_run_items
         WHERE project_id = $1::uuid AND run_id = $2::uuid AND status = 'PENDING' AND (lease_expires_at IS NULL OR lease_expires_at < now())
         ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) c
 WHERE i.project_id = c.project_id AND i.id = c.id
RETURNING i.id, i.trace_id AS "traceId", i.queue_item_id AS "queueItemId", i.dataset_item_id AS "datasetItemId", i.attempts`;

async function finishRun(db: Database, projectId: string, runId: string, status: string, error: string | null): Promise<void> {
  await db.sql.query(
    `UPDATE judge_runs SET status = $3, error = $4, finished_at = now() WHERE project_id = $1::uuid AND id = $2::uuid AND status = 'RUNNING'`,
    [projectId, runId, status, error],
  );
}

/** Everything a run's calls share: the version, its parsed template, the connection's client and prices, the rubric's values. */
async function prepare(db: Database, projectId: string, versionId: string) {
  const version = await loadJudgeVersion(db.prisma, projectId, versionId);
  const template = parseTemplate(version.template, version.mode);
  const timeoutMs = version.parameters.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const [{ connection, prices }, { client }, rubric] = await Promise.all([
    connectionOf(db.prisma, projectId, version),
    openConnection(db.prisma, projectId, version.connectionId, { timeoutMs }),
    versionValues(db.prisma, projectId, version),
  ]);
  return { version, template, connection, prices, client, rubric };
}

async function runStatus(db: Database, projectId: string, runId: string): Promise<string | undefined> {
  const { rows } = await db.sql.query(`SELECT status FROM judge_runs WHERE project_id = $1::uuid AND id = $2::uuid`, [projectId, runId]);
  return rows[0]?.status;
}

/** Works one run until nothing is left to claim, it is cancelled or capped, or `stopAfter` outcomes are stored. */
export async function workRun(
  db: Database,
  projectId: string,
  runId: string,
  options: WorkOptions = {},
): Promise<{ stored: number; status: string | undefined }> {
  const run = await db.prisma.judgeRun.findUnique({ where: { projectId_id: { projectId, id: runId } } });
  if (!run || !["QUEUED", "RUNNING"].includes(run.status)) return { stored: 0, status: run?.status };
  const holder = await db.sql.connect();
  // A connection that failed on the way is closed rather than pooled: closing lets go of the lock.
  let broken: Error | undefined;
  try {
    const { rows } = await holder.query<{ held: boolean }>(`SELECT pg_try_advisory_lock($1, hashtext($2)) AS held`, [RUN_LOCK_SPACE, runId]);
    if (!rows[0].held) {
      log().info({ runId }, "judge run is being worked by another worker");
      return { stored: 0, status: await runStatus(db, projectId, runId) };
    }
    try {
      return await workHeldRun(db, run, options);
    } finally {
      await holder.query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [RUN_LOCK_SPACE, runId]).catch((error: Error) => (broken = error));
    }
  } catch (error) {
    broken ??= error as Error;
    throw error;
  } finally {
    holder.release(broken);
  }
}

async function workHeldRun(db: Database, run: JudgeRun, options: WorkOptions): Promise<{ stored: number; status: string | undefined }> {
  const { projectId, id: runId } = run;
  await db.sql.query(
    `UPDATE judge_runs SET status = 'RUNNING', started_at = coalesce(started_at, now()) WHERE project_id = $1::uuid AND id = $2::uuid AND status IN ('QUEUED', 'RUNNING')`,
    [projectId, runId],
  );
  let prepared: Awaited<ReturnType<typeof prepare>>;
  try {
    prepared = await prepare(db, projectId, run.judgeVersionId);
  } catch (error) {
    // The run cannot work at all (its connection's secret unreadable, its template broken): no item can succeed.
    await finishRun(db, projectId, runId, "FAILED", error instanceof Error ? error.message : "The run could not start");
    return { stored: 0, status: "FAILED" };
  }
  const { version, ...setup } = prepared;
  const { concurrency, rpm } = callLimits(run.options as { concurrency?: number; rpm?: number }, version.parameters);
  const ref: TRunRef = { projectId, runId, rerun: run.rerun, version };
  const parse = answerParser(version.criterion);
  const cap = run.spendCap === null ? null : Number(run.spendCap);
  const call = {
    client: setup.client,
    connectionId: version.connectionId,
    model: version.model,
    parameters: version.parameters,
    concurrency,
    rpm,
    backoffBaseMs: options.backoffBaseMs ?? 1000,
  };
  const datasetVersionId = ((run.target as { datasetVersionId?: string }).datasetVersionId ?? null) as string | null;

  let spent = Number(run.cost);
  let reserved = 0;
  let stored = 0;
  let stop: "cancelled" | "capped" | "stopped" | "shutdown" | null = null;
  const onAbort = () => (stop ??= "shutdown");
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  let capped: string | null = null;
  const queue: { item: TClaimedItem; values: Awaited<ReturnType<typeof targetValues>> }[] = [];
  const writer = resultWriter(db.sql, ref, concurrency * 4, (error) => {
    // A worker that cannot write stops; its leases lapse and the sweep hands the run on.
    log().error({ err: error, runId }, "judge run could not store results");
    stop ??= "stopped";
  });
  let refilling: Promise<void> | null = null;

  async function refill(): Promise<void> {
    const status = await runStatus(db, projectId, runId);
    if (status !== "RUNNING") {
      stop ??= "cancelled";
      return;
    }
    const { rows } = await db.sql.query<TClaimedItem>(CLAIM, [projectId, runId, concurrency, options.leaseMs ?? DEFAULT_LEASE_MS]);
    const values = await targetValues(
      db.sql,
      projectId,
      version.criterionId,
      rows.map((r) => (r.traceId ? { traceId: r.traceId } : r.queueItemId ? { queueItemId: r.queueItemId } : { datasetItemId: r.datasetItemId! })),
      datasetVersionId,
    );
    if (rows.length === 0) exhausted = true;
    for (const item of rows) queue.push({ item, values });
  }

  let exhausted = false;
  const startRefill = () =>
    (refilling ??= refill()
      .catch((error: unknown) => {
        // A worker that cannot read the database stops; its leases lapse and the sweep hands the run on.
        log().error({ err: error, runId }, "judge run could not claim items");
        stop ??= "stopped";
      })
      .finally(() => (refilling = null)));

  // The next claimed item. The next batch is claimed while half of this one is still queued,
  // so lanes do not wait on the claim.
  async function next() {
    while (!stop) {
      if (!exhausted && queue.length <= concurrency / 2) void startRefill();
      const got = queue.shift();
      if (got) return got;
      if (exhausted && !refilling) return null;
      await (refilling ?? startRefill());
    }
    return null;
  }

  /** Whether a call estimated at `tokens` may start under the cap; reserves its cost when it may. */
  function reserve(messages: string[]): number | null {
    const estimate =
      costOf({ inputTokens: estimatePromptTokens(messages), outputTokens: version.parameters.maxTokens ?? DEFAULT_OUTPUT_TOKENS }, setup.prices) ?? 0;
    const check = spendCheck(spent + reserved, cap, estimate);
    if (!check.go) {
      capped ??= check.reason;
      stop = "capped";
      return null;
    }
    reserved += estimate;
    return estimate;
  }

  async function lane(): Promise<void> {
    for (let got = await next(); got; got = await next()) {
      const { item, values } = got;
      const key = targetKey(
        item.traceId ? { traceId: item.traceId } : item.queueItemId ? { queueItemId: item.queueItemId } : { datasetItemId: item.datasetItemId! },
      );
      const target = values.get(key);
      const zero = { inputTokens: 0, outputTokens: 0, cost: 0, latencyMs: 0, raw: null };
      if (item.attempts > MAX_CALL_ATTEMPTS) {
        await storeError(db.sql, ref, item, { ...zero, code: "abandoned", message: `Workers stopped ${item.attempts - 1} times while judging this target` });
        continue;
      }
      if (!target) {
        await storeError(db.sql, ref, item, { ...zero, code: "target_gone", message: "The target was deleted before it was judged" });
        continue;
      }
      const outcome = await judgeTarget({
        version,
        template: setup.template,
        capability: setup.connection.structuredOutput,
        parse,
        values: { ...target, ...setup.rubric },
        prices: setup.prices,
        reserve,
        release: (n) => (reserved -= n),
        spend: (n) => (spent += n),
        call: (request) => callModel(call, request),
      });
      if (outcome.kind === "stopped") {
        // Not called: the item goes back for whoever resumes the run.
        await db.sql.query(`UPDATE judge_run_items SET lease_expires_at = NULL WHERE project_id = $1::uuid AND id = $2::uuid AND status = 'PENDING'`, [
          projectId,
          item.id,
        ]);
        continue;
      }
      if (outcome.kind === "done") await writer.add({ item, done: outcome.done });
      else await storeError(db.sql, ref, item, outcome.failure);
      stored++;
      if (options.stopAfter !== undefined && stored >= options.stopAfter) stop ??= "stopped";
    }
  }

  await Promise.all(Array.from({ length: concurrency }, lane));
  await writer.drain().catch(() => undefined);
  options.signal?.removeEventListener("abort", onAbort);
  await refilling;
  if (stop === "shutdown" && queue.length > 0) {
    // Claimed but never called: the next worker may take them at once instead of waiting out the lease.
    await db.sql.query(`UPDATE judge_run_items SET lease_expires_at = NULL WHERE project_id = $1::uuid AND id = ANY($2::uuid[]) AND status = 'PENDING'`, [
      projectId,
      queue.splice(0).map((q) => q.item.id),
    ]);
  }
  if (capped) await finishRun(db, projectId, runId, "CAPPED", capped);
  if (!stop) {
    const { rows } = await db.sql.query(
      `SELECT count(*)::int AS n FROM judge_run_items WHERE project_id = $1::uuid AND run_id = $2::uuid AND status = 'PENDING'`,
      [projectId, runId],
    );
    if (rows[0].n === 0) await finishRun(db, projectId, runId, "COMPLETED", null);
  }
  log().info({ runId, stored, stop }, "judge run worked");
  return { stored, status: await runStatus(db, projectId, runId) };
}
