import type pg from "pg";
import { type Sql, pgCode, transaction } from "@/lib/db/transaction";
import type { TStoredJudgeVersion } from "@/lib/judge-versions/store";
import type { TScoreColumns } from "@/lib/scores/codec";
import { writeJudgeScore } from "@/lib/scores/statements";

// Storing one target's outcome. A result is stored once: the item's update only takes a row
// still PENDING (a worker whose lease lapsed and whose item another worker finished stores
// nothing), and the database's one-result index refuses a second finished result for the same
// version and target (two runs racing on one target): that refusal means "already done".
// Tokens and cost count on the run either way, since the call was billed.

export interface TClaimedItem {
  id: string;
  traceId: string | null;
  queueItemId: string | null;
  datasetItemId: string | null;
  attempts: number;
}

export interface TOutcome {
  inputTokens: number;
  outputTokens: number;
  cost: number;
  latencyMs: number;
  raw: unknown;
}

export interface TDone extends TOutcome {
  /** The value as stored on the item; null for an inconsistent pairwise verdict. */
  value: unknown;
  rationale: string | null;
  /** The score to write, or none (a dataset item, an inconsistent verdict). */
  score: TScoreColumns | null;
}

export interface TRunRef {
  projectId: string;
  runId: string;
  rerun: boolean;
  version: TStoredJudgeVersion;
}

const addUsage = (sql: Sql, ref: TRunRef, o: TOutcome) =>
  sql.query(
    `UPDATE judge_runs SET input_tokens = input_tokens + $3, output_tokens = output_tokens + $4, cost = cost + $5 WHERE project_id = $1::uuid AND id = $2::uuid`,
    [ref.projectId, ref.runId, o.inputTokens, o.outputTokens, o.cost],
  );

const OUTCOME = `input_tokens = $3, output_tokens = $4, cost = $5, latency_ms = $6, raw = $7::jsonb, lease_expires_at = NULL, updated_at = now()`;
const outcomeParams = (o: TOutcome) => [o.inputTokens, o.outputTokens, o.cost, o.latencyMs, JSON.stringify(o.raw ?? null)];

async function supersedeEarlier(client: pg.ClientBase, ref: TRunRef, item: TClaimedItem): Promise<void> {
  await client.query(
    `UPDATE judge_run_items SET superseded = true, updated_at = now()
      WHERE project_id = $1::uuid AND judge_version_id = $2::uuid AND status = 'DONE' AND NOT superseded AND id <> $3::uuid
        AND trace_id IS NOT DISTINCT FROM $4::uuid AND queue_item_id IS NOT DISTINCT FROM $5::uuid AND dataset_item_id IS NOT DISTINCT FROM $6::uuid`,
    [ref.projectId, ref.version.id, item.id, item.traceId, item.queueItemId, item.datasetItemId],
  );
}

/** Stores a result; answers whether it was stored (false: another worker or run already has it). */
export async function storeDone(sql: Sql, ref: TRunRef, item: TClaimedItem, done: TDone): Promise<boolean> {
  try {
    return await transaction(sql, async (client) => {
      if (ref.rerun) await supersedeEarlier(client, ref, item);
      const { rowCount } = await client.query(
        `UPDATE judge_run_items SET status = 'DONE', value = $8::jsonb, rationale = $9, error_code = NULL, error_message = NULL, ${OUTCOME}
          WHERE project_id = $1::uuid AND id = $2::uuid AND status = 'PENDING'`,
        [ref.projectId, item.id, ...outcomeParams(done), JSON.stringify(done.value ?? null), done.rationale],
      );
      if (!rowCount) return false;
      if (done.score && (item.traceId || item.queueItemId)) {
        const { version } = ref;
        const score = await writeJudgeScore(client, {
          projectId: ref.projectId,
          judgeVersionId: version.id,
          judgeName: version.judgeName,
          judgeVersion: version.version ?? 0,
          target: item.traceId ? { traceId: item.traceId } : { queueItemId: item.queueItemId! },
          name: version.criterion.key,
          rubricVersionId: version.rubricVersionId,
          criterionId: version.criterionId,
          value: done.score,
          comment: done.rationale,
        });
        await client.query(`UPDATE judge_run_items SET score_id = $3::uuid WHERE project_id = $1::uuid AND id = $2::uuid`, [ref.projectId, item.id, score.id]);
      }
      await addUsage(client, ref, done);
      return true;
    });
  } catch (error) {
    if (pgCode(error) !== "23505") throw error;
    await storeError(sql, ref, item, { ...done, code: "already_done", message: "This judge version already has a result for this target" }, "SKIPPED");
    return false;
  }
}

/** Records a target's error (or, with SKIPPED, why it was not judged); the target keeps no score. */
export async function storeError(
  sql: Sql,
  ref: TRunRef,
  item: TClaimedItem,
  failure: TOutcome & { code: string; message: string },
  status: "ERROR" | "SKIPPED" = "ERROR",
): Promise<void> {
  await transaction(sql, async (client) => {
    const { rowCount } = await client.query(
      `UPDATE judge_run_items SET status = $8, error_code = $9, error_message = $10, ${OUTCOME}
        WHERE project_id = $1::uuid AND id = $2::uuid AND status = 'PENDING'`,
      [ref.projectId, item.id, ...outcomeParams(failure), status, failure.code, failure.message.slice(0, 2000)],
    );
    if (rowCount) await addUsage(client, ref, failure);
  });
}
