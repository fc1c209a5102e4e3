import type { Tx } from "@/lib/db/client";
import type { Sql } from "@/lib/db/transaction";
import { retrievedContext } from "@/lib/datasets/from-traces";
import { currentGold } from "@/lib/gold/store";
import { type TStoredJudgeVersion, calibrationOf, loadExamples } from "@/lib/judge-versions/store";
import { rubricValues } from "@/lib/judges/prompt-text";
import type { TTemplateValues } from "@/lib/judges/template";
import { type TTraceContent, datasetValues, pairValues, traceValues } from "./values";

// Reads what fills a judge's template for a batch of targets: a few set-based queries per
// batch, not a few per target, so a run of thousands of targets reads its content at the
// pace it calls the model. Every query names the project.

/** One target of a run: a trace, a pairwise queue item, or a dataset item (read in the run's dataset version). */
export type TTarget = { traceId: string } | { queueItemId: string } | { datasetItemId: string };

export const targetKey = (t: TTarget): string => ("traceId" in t ? `t:${t.traceId}` : "queueItemId" in t ? `q:${t.queueItemId}` : `d:${t.datasetItemId}`);

interface TraceRow {
  id: string;
  input: unknown;
  output: unknown;
  metadata: unknown;
}

async function traceContents(sql: Sql, projectId: string, ids: string[]): Promise<Map<string, TTraceContent>> {
  if (ids.length === 0) return new Map();
  const [traces, spans] = await Promise.all([
    sql.query<TraceRow>(`SELECT id, input, output, metadata FROM traces WHERE project_id = $1::uuid AND id = ANY($2::uuid[])`, [projectId, ids]),
    sql.query(
      `SELECT trace_id AS "traceId", span_id AS "spanId", parent_span_id AS "parentSpanId", type, output FROM spans
        WHERE project_id = $1::uuid AND trace_id = ANY($2::uuid[]) AND type = 'RETRIEVAL' ORDER BY start_time, span_id`,
      [projectId, ids],
    ),
  ]);
  const spansOf = new Map<string, (typeof spans.rows)[number][]>();
  for (const s of spans.rows) spansOf.set(s.traceId, [...(spansOf.get(s.traceId) ?? []), s]);
  const docs = (traceId: string) => retrievedContext(spansOf.get(traceId) ?? []).map((d) => ({ title: d.title, text: d.text }));
  return new Map(traces.rows.map((t) => [t.id, { input: t.input, output: t.output, metadata: t.metadata, documents: docs(t.id) }]));
}

/**
 * The current gold of the criterion on queue items, by item: the adjudicated value where there
 * is one, else the reference value. Gold of a pair's sides (A, B) is not an expected answer.
 */
async function goldByItem(sql: Sql, projectId: string, criterionId: string, items: { id: string; queueId: string }[]): Promise<Map<string, unknown>> {
  const byQueue = new Map<string, string[]>();
  for (const item of items) byQueue.set(item.queueId, [...(byQueue.get(item.queueId) ?? []), item.id]);
  const found = new Map<string, unknown>();
  for (const [queueId, itemIds] of byQueue) {
    const gold = (await currentGold(sql, projectId, queueId, itemIds)).filter((g) => g.criterionId === criterionId && g.side === null);
    for (const g of gold.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "ADJUDICATED" ? -1 : 1))) if (!found.has(g.itemId)) found.set(g.itemId, g.value);
  }
  return found;
}

/** The expected value of each trace: the criterion's gold on a queue item of the trace. */
async function expectedOfTraces(sql: Sql, projectId: string, criterionId: string, traceIds: string[]): Promise<Map<string, unknown>> {
  if (traceIds.length === 0) return new Map();
  const { rows } = await sql.query<{ id: string; queueId: string; traceId: string }>(
    `SELECT id, queue_id AS "queueId", trace_id AS "traceId" FROM queue_items WHERE project_id = $1::uuid AND trace_id = ANY($2::uuid[]) AND trace_b_id IS NULL`,
    [projectId, traceIds],
  );
  const gold = await goldByItem(sql, projectId, criterionId, rows);
  const byTrace = new Map<string, unknown>();
  for (const r of rows) if (gold.has(r.id) && !byTrace.has(r.traceId)) byTrace.set(r.traceId, gold.get(r.id));
  return byTrace;
}

/** The values of a batch of targets, by `targetKey`; a target no longer there is left out. */
export async function targetValues(
  sql: Sql,
  projectId: string,
  criterionId: string,
  targets: readonly TTarget[],
  datasetVersionId: string | null,
): Promise<Map<string, TTemplateValues>> {
  const out = new Map<string, TTemplateValues>();
  const traceIds = targets.flatMap((t) => ("traceId" in t ? [t.traceId] : []));
  const itemIds = targets.flatMap((t) => ("queueItemId" in t ? [t.queueItemId] : []));
  const datasetItemIds = targets.flatMap((t) => ("datasetItemId" in t ? [t.datasetItemId] : []));

  if (traceIds.length) {
    const [contents, expected] = await Promise.all([traceContents(sql, projectId, traceIds), expectedOfTraces(sql, projectId, criterionId, traceIds)]);
    for (const [id, content] of contents) out.set(targetKey({ traceId: id }), traceValues({ ...content, expected: expected.get(id) }));
  }
  if (itemIds.length) {
    const { rows } = await sql.query<{ id: string; queueId: string; traceId: string; traceBId: string | null }>(
      `SELECT id, queue_id AS "queueId", trace_id AS "traceId", trace_b_id AS "traceBId" FROM queue_items WHERE project_id = $1::uuid AND id = ANY($2::uuid[])`,
      [projectId, itemIds],
    );
    const contents = await traceContents(sql, projectId, [...new Set(rows.flatMap((r) => [r.traceId, ...(r.traceBId ? [r.traceBId] : [])]))]);
    const gold = await goldByItem(sql, projectId, criterionId, rows);
    for (const r of rows) {
      const a = contents.get(r.traceId);
      if (!a) continue;
      out.set(targetKey({ queueItemId: r.id }), pairValues({ ...a, expected: gold.get(r.id) }, r.traceBId ? (contents.get(r.traceBId)?.output ?? null) : null));
    }
  }
  if (datasetItemIds.length && datasetVersionId) {
    const { rows } = await sql.query<{ itemId: string; input: unknown; expectedOutput: unknown; metadata: unknown }>(
      `SELECT r.item_id AS "itemId", r.input, r.expected_output AS "expectedOutput", r.metadata
         FROM dataset_version_items vi JOIN dataset_item_revisions r ON r.project_id = vi.project_id AND r.id = vi.revision_id
        WHERE vi.project_id = $1::uuid AND vi.version_id = $2::uuid AND r.item_id = ANY($3::uuid[])`,
      [projectId, datasetVersionId, datasetItemIds],
    );
    for (const r of rows) out.set(targetKey({ datasetItemId: r.itemId }), datasetValues(r));
  }
  return out;
}

/** `{{criterion}}` and `{{examples}}` of a version: the same for every target of a run. */
export async function versionValues(db: Tx, projectId: string, version: TStoredJudgeVersion): Promise<Pick<TTemplateValues, "criterion" | "examples">> {
  const examples = await loadExamples(db, projectId, version.exampleIds);
  return rubricValues(
    version.criterion,
    examples.map((e) => calibrationOf(e, version.mode)),
  );
}
