import type pg from "pg";
import { type Sql, pgCode, transaction, withRetry } from "@/lib/db/transaction";
import type { TStoredJudgeVersion } from "@/lib/judge-versions/store";
import { type TScoreColumns, jsonParameter } from "@/lib/scores/codec";
import { insertFirstJudgeScores, writeJudgeScore } from "@/lib/scores/statements";

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

// Many first results in one statement: the items still PENDING, their scores (ids chosen in
// the statement, so each item names its score in the same update) and the run's totals. An
// item no longer PENDING stores nothing and adds no usage, as in storeDone. One statement
// instead of a transaction of five per result: on a busy worker the round trips to the
// database, not the work in it, were the cost.
const STORE_MANY = `
WITH x AS MATERIALIZED (
  SELECT u.*, CASE WHEN u.has_score THEN gen_random_uuid() END AS new_score_id
    FROM unnest($3::uuid[], $4::jsonb[], $5::text[], $6::int[], $7::int[], $8::numeric[], $9::int[], $10::jsonb[],
                $11::boolean[], $12::text[], $13::float8[], $14::text[], $15::jsonb[])
      AS u(item_id, value, rationale, input_tokens, output_tokens, cost, latency_ms, raw, has_score, data_type, number_value, text_value, json_value)
),
items AS (
  UPDATE judge_run_items i SET status = 'DONE', value = x.value, rationale = x.rationale, error_code = NULL, error_message = NULL,
         input_tokens = x.input_tokens, output_tokens = x.output_tokens, cost = x.cost, latency_ms = x.latency_ms, raw = x.raw,
         lease_expires_at = NULL, updated_at = now(),
         score_id = CASE WHEN i.trace_id IS NOT NULL OR i.queue_item_id IS NOT NULL THEN x.new_score_id END
    FROM x
   WHERE i.project_id = $1::uuid AND i.id = x.item_id AND i.status = 'PENDING'
  RETURNING i.id, i.score_id, i.trace_id, i.queue_item_id, x.data_type, x.number_value, x.text_value, x.json_value, x.rationale AS comment,
            x.input_tokens, x.output_tokens, x.cost
),
scored AS (${insertFirstJudgeScores("(SELECT * FROM items WHERE score_id IS NOT NULL)", {
  projectId: "$1::uuid",
  judgeVersionId: "$16::uuid",
  name: "$17",
  rubricVersionId: "$18::uuid",
  criterionId: "$19::uuid",
  raterName: "$20",
  raterVersion: "$21",
})}),
totals AS (
  UPDATE judge_runs SET input_tokens = input_tokens + t.i, output_tokens = output_tokens + t.o, cost = cost + t.c
    FROM (SELECT sum(input_tokens) AS i, sum(output_tokens) AS o, sum(cost) AS c FROM items HAVING count(*) > 0) t
   WHERE project_id = $1::uuid AND id = $2::uuid
)
SELECT id FROM items`;

export interface TDoneEntry {
  item: TClaimedItem;
  done: TDone;
}

function storeManyParameters(ref: TRunRef, entries: TDoneEntry[]) {
  const { version } = ref;
  const column = <T>(f: (e: TDoneEntry) => T) => entries.map(f);
  return [
    ref.projectId,
    ref.runId,
    column((e) => e.item.id),
    column((e) => JSON.stringify(e.done.value ?? null)),
    column((e) => e.done.rationale),
    column((e) => e.done.inputTokens),
    column((e) => e.done.outputTokens),
    column((e) => e.done.cost),
    column((e) => e.done.latencyMs),
    column((e) => JSON.stringify(e.done.raw ?? null)),
    column((e) => e.done.score !== null),
    column((e) => e.done.score?.dataType ?? null),
    column((e) => e.done.score?.numberValue ?? null),
    column((e) => e.done.score?.textValue ?? null),
    column((e) => (e.done.score ? jsonParameter(e.done.score) : null)),
    version.id,
    version.criterion.key,
    version.rubricVersionId,
    version.criterionId,
    version.judgeName,
    `v${version.version ?? 0}`,
  ];
}

/**
 * Stores many results; answers how many were stored. A first run's results go in one
 * statement; a re-run's (each supersedes an earlier result), or a batch the one-result rules
 * refuse (another run stored one of these targets meanwhile), one at a time through storeDone.
 */
export async function storeDoneMany(sql: Sql, ref: TRunRef, entries: TDoneEntry[]): Promise<number> {
  const oneByOne = async () => {
    let stored = 0;
    for (const { item, done } of entries) if (await storeDone(sql, ref, item, done)) stored++;
    return stored;
  };
  if (entries.length === 0) return 0;
  if (ref.rerun) return oneByOne();
  try {
    const { rows } = await withRetry(() => sql.query(STORE_MANY, storeManyParameters(ref, entries)));
    return rows.length;
  } catch (error) {
    if (pgCode(error) !== "23505") throw error;
    return oneByOne();
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
