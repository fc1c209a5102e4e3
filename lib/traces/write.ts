import type pg from "pg";
import { HUMAN_SCORE_ON_TRACE } from "@/lib/scores/statements";
import type { PreparedTrace } from "./prepare";

// The SQL of ingestion. Rows travel as one JSON document per statement, unpacked with
// json_to_recordset: a statement has three parameters whatever the batch size (far from
// the 32,767 bind-parameter ceiling), and Postgres parses the batch once.
//
// Transactions: a batch is written in ONE transaction (insert the traces that are new, lock
// and update the ones that already existed, write their spans). Items are fully validated
// before it starts, so the database has nothing left to refuse; if it refuses anyway, the
// service retries each item in a transaction of its own so that one item can never sink its
// neighbours.

export interface Existing {
  id: string;
  frozen: boolean;
}

const TRACE_COLUMNS = `external_id text, name text, input jsonb, output jsonb, metadata jsonb, tags text[],
  session_id text, end_user_id text, release text, prompt_version text,
  start_time float8, start_default float8, end_time float8, content text, times text`;

// Times arrive as epoch milliseconds: a number is cheaper for both sides than ISO text.
const at = (ms: string) => `to_timestamp(${ms} / 1000.0)`;

/**
 * The stored traces among these external ids, locked for this transaction in the order given
 * (callers sort them), with whether their content is frozen: labelled or queued traces keep
 * the input and output that were rated. Each id is looked up on its own through the unique
 * index, so the plan cannot turn into a scan of the project while its statistics lag behind
 * a large ingest.
 */
export async function lockExisting(client: pg.ClientBase, projectId: string, externalIds: string[]): Promise<Map<string, Existing>> {
  if (!externalIds.length) return new Map();
  const { rows } = await client.query<{ external_id: string; id: string; frozen: boolean }>(
    `SELECT t.external_id, t.id,
            (t.locked_at IS NOT NULL
             OR EXISTS (SELECT 1 FROM queue_items q WHERE q.project_id = $1 AND (q.trace_id = t.id OR q.trace_b_id = t.id))
             OR ${HUMAN_SCORE_ON_TRACE}) AS frozen
       FROM unnest($2::text[]) WITH ORDINALITY AS x(external_id, n)
      CROSS JOIN LATERAL (
        SELECT t.id, t.external_id, t.locked_at FROM traces t WHERE t.project_id = $1 AND t.external_id = x.external_id FOR UPDATE
      ) t
      ORDER BY x.n`,
    [projectId, externalIds],
  );
  return new Map(rows.map((r) => [r.external_id, { id: r.id, frozen: r.frozen }]));
}

/** External ids whose given input or output differs from what a frozen trace holds. */
export async function changedContent(client: pg.ClientBase, projectId: string, items: PreparedTrace[]): Promise<Set<string>> {
  if (!items.length) return new Set();
  const doc = items.map((i) => ({ external_id: i.trace.external_id, input: i.trace.input, output: i.trace.output }));
  const { rows } = await client.query<{ external_id: string }>(
    `SELECT u.external_id
       FROM json_to_recordset($2::json) AS u(external_id text, input jsonb, output jsonb)
       JOIN traces t ON t.project_id = $1 AND t.external_id = u.external_id
      WHERE (u.input IS NOT NULL AND t.input IS DISTINCT FROM u.input)
         OR (u.output IS NOT NULL AND t.output IS DISTINCT FROM u.output)`,
    [projectId, JSON.stringify(doc)],
  );
  return new Set(rows.map((r) => r.external_id));
}

/** Inserts traces that do not exist yet; returns the ids of those it inserted. */
export async function insertTraces(client: pg.ClientBase, projectId: string, items: PreparedTrace[]): Promise<Map<string, string>> {
  if (!items.length) return new Map();
  const { rows } = await client.query<{ external_id: string; id: string }>({
    name: "assay_insert_traces",
    text: `INSERT INTO traces (project_id, external_id, name, input, output, metadata, tags, session_id, end_user_id, release, prompt_version, start_time, end_time)
     SELECT $1, u.external_id, u.name, u.input, u.output, COALESCE(u.metadata, '{}'), COALESCE(u.tags, '{}'), u.session_id, u.end_user_id,
            u.release, u.prompt_version, ${at("COALESCE(u.start_time, u.start_default)")}, ${at("u.end_time")}
       FROM json_to_recordset($2::json) AS u(${TRACE_COLUMNS})
      ORDER BY u.external_id
     ON CONFLICT (project_id, external_id) DO NOTHING
     RETURNING external_id, id`,
    values: [projectId, JSON.stringify(items.map((i) => i.trace))],
  });
  return new Map(rows.map((r) => [r.external_id, r.id]));
}

/** Merges arriving fields into stored traces (see TraceRow for the modes). */
export async function updateTraces(client: pg.ClientBase, projectId: string, items: PreparedTrace[]): Promise<Map<string, string>> {
  if (!items.length) return new Map();
  const { rows } = await client.query<{ external_id: string; id: string }>(
    `UPDATE traces t SET
        name   = CASE u.content WHEN 'replace' THEN COALESCE(u.name, t.name) WHEN 'fill' THEN COALESCE(t.name, u.name) ELSE t.name END,
        input  = CASE u.content WHEN 'replace' THEN COALESCE(u.input, t.input) WHEN 'fill' THEN COALESCE(t.input, u.input) ELSE t.input END,
        output = CASE u.content WHEN 'replace' THEN COALESCE(u.output, t.output) WHEN 'fill' THEN COALESCE(t.output, u.output) ELSE t.output END,
        metadata = t.metadata || COALESCE(u.metadata, '{}'),
        tags = COALESCE(u.tags, t.tags),
        session_id = COALESCE(u.session_id, t.session_id),
        end_user_id = COALESCE(u.end_user_id, t.end_user_id),
        release = COALESCE(u.release, t.release),
        prompt_version = COALESCE(u.prompt_version, t.prompt_version),
        start_time = CASE u.times WHEN 'widen' THEN LEAST(t.start_time, ${at("u.start_time")}) ELSE COALESCE(${at("u.start_time")}, t.start_time) END,
        end_time = CASE u.times WHEN 'widen' THEN GREATEST(t.end_time, ${at("u.end_time")}) ELSE COALESCE(${at("u.end_time")}, t.end_time) END,
        updated_at = now()
       FROM json_to_recordset($2::json) AS u(${TRACE_COLUMNS})
      WHERE t.project_id = $1 AND t.external_id = u.external_id
     RETURNING t.external_id, t.id`,
    [projectId, JSON.stringify(items.map((i) => i.trace))],
  );
  return new Map(rows.map((r) => [r.external_id, r.id]));
}

// Spans travel grouped by trace (no per-span copies to attach the trace id).
const spanInsert = `INSERT INTO spans (project_id, trace_id, span_id, parent_span_id, type, name, input, output, model, input_tokens, output_tokens, status, attributes, start_time, end_time)
     SELECT $1, t.trace_id, s.span_id, s.parent_span_id, s.type::"SpanType", s.name, s.input, s.output, s.model, s.input_tokens, s.output_tokens,
            s.status, COALESCE(s.attributes, '{}'), ${at("s.start_time")}, ${at("s.end_time")}
       FROM json_to_recordset($2::json) AS t(trace_id uuid, spans json)
      CROSS JOIN LATERAL json_to_recordset(t.spans) AS s(span_id text, parent_span_id text, type text, name text, input jsonb, output jsonb,
            model text, input_tokens int, output_tokens int, status text, attributes jsonb, start_time float8, end_time float8)`;

function spanDocument(items: PreparedTrace[], traceIds: Map<string, string>, ordered: boolean): string | null {
  const groups = items.filter((i) => i.spans.length).map((i) => ({ trace_id: traceIds.get(i.trace.external_id)!, spans: i.spans }));
  if (!groups.length) return null;
  if (ordered) {
    // One order for every writer, so two batches touching the same stored spans cannot deadlock.
    groups.sort((a, b) => (a.trace_id < b.trace_id ? -1 : a.trace_id > b.trace_id ? 1 : 0));
    for (const g of groups) g.spans = [...g.spans].sort((a, b) => (a.span_id < b.span_id ? -1 : a.span_id > b.span_id ? 1 : 0));
  }
  return JSON.stringify(groups);
}

/** Spans of traces this transaction just inserted: nothing stored can collide with them, and no one else can reach them yet. */
export async function insertSpans(client: pg.ClientBase, projectId: string, items: PreparedTrace[], traceIds: Map<string, string>): Promise<void> {
  const doc = spanDocument(items, traceIds, false);
  if (doc) await client.query({ name: "assay_insert_spans", text: spanInsert, values: [projectId, doc] });
}

/** Adds spans, or replaces the stored span with the same id in the same trace. */
export async function upsertSpans(client: pg.ClientBase, projectId: string, items: PreparedTrace[], traceIds: Map<string, string>): Promise<void> {
  const doc = spanDocument(items, traceIds, true);
  if (!doc) return;
  await client.query(
    `${spanInsert}
     ON CONFLICT (project_id, trace_id, span_id) DO UPDATE SET
        parent_span_id = EXCLUDED.parent_span_id, type = EXCLUDED.type, name = EXCLUDED.name, input = EXCLUDED.input, output = EXCLUDED.output,
        model = EXCLUDED.model, input_tokens = EXCLUDED.input_tokens, output_tokens = EXCLUDED.output_tokens, status = EXCLUDED.status,
        attributes = EXCLUDED.attributes, start_time = EXCLUDED.start_time, end_time = EXCLUDED.end_time`,
    [projectId, doc],
  );
}

/**
 * For traces assembled from spans (OTLP): name, input and output come from the root span,
 * or from the earliest LLM span when the root carries no content. Derived from the stored
 * spans after each write, so the outcome does not depend on the order requests arrive in.
 */
export async function deriveContent(client: pg.ClientBase, projectId: string, traceIds: string[]): Promise<void> {
  if (!traceIds.length) return;
  await client.query(
    `UPDATE traces t SET
        name = COALESCE(src.root_name, src.llm_name, t.name),
        input = COALESCE(src.input, t.input),
        output = COALESCE(src.output, t.output)
       FROM (
         SELECT x.id,
                (SELECT s.name FROM spans s WHERE s.project_id = $1 AND s.trace_id = x.id AND s.parent_span_id IS NULL
                  ORDER BY s.start_time, s.span_id LIMIT 1) AS root_name,
                (SELECT s.name FROM spans s WHERE s.project_id = $1 AND s.trace_id = x.id AND s.type = 'LLM'
                  ORDER BY s.start_time, s.span_id LIMIT 1) AS llm_name,
                c.input, c.output
           FROM unnest($2::uuid[]) AS x(id)
           LEFT JOIN LATERAL (
             SELECT s.input, s.output FROM spans s
              WHERE s.project_id = $1 AND s.trace_id = x.id AND (s.input IS NOT NULL OR s.output IS NOT NULL)
                AND (s.parent_span_id IS NULL OR s.type = 'LLM')
              ORDER BY (s.parent_span_id IS NULL) DESC, s.start_time, s.span_id LIMIT 1
           ) c ON true
       ) src
      WHERE t.project_id = $1 AND t.id = src.id`,
    [projectId, traceIds],
  );
}
