import type pg from "pg";
import type { Sql } from "@/lib/db/transaction";
import { type TJudgmentValue, type TSide, decodeValue } from "./codec";
import type { SCORE_SOURCES } from "./schemas";

// The one reader of judgments for other capabilities (agreement, exports, datasets, judges):
// every row of `scores` as one judgment, whatever wrote it, streamed in keyset pages of the
// primary key so memory stays flat however many there are. Callers check the caller's scope;
// the reader only ever reads the one project it is given.

export type TRaterKind = "user" | "apiKey" | "external";
export type TRater = { kind: "user"; id: string } | { kind: "apiKey"; id: string } | { kind: "external"; name: string; version: string | null };
export type TScoreSource = (typeof SCORE_SOURCES)[number];

export interface TJudgment {
  id: string;
  /** Set for a queue label: the unit it belongs to. */
  queueItemId: string | null;
  /** The trace judged: an API score's trace (or its span's), a label's item trace, or trace B for a `key:B` label. A pair-level label names trace A. */
  traceId: string;
  /** Set for an API score on one span (the span row's id). */
  spanId: string | null;
  /** For a per-side label of a pairwise item; null for a preference, which answers for the pair. */
  side: TSide | null;
  name: string;
  rubricVersionId: string | null;
  criterionId: string | null;
  criterionKey: string | null;
  source: TScoreSource;
  rater: TRater;
  revision: number;
  isCurrent: boolean;
  /** When the rater first gave this judgment (its revision 1), whichever revision this row is. */
  firstSubmittedAt: Date;
  createdAt: Date;
  value: TJudgmentValue | null;
  /** The rater's note on this judgment, if any. */
  comment: string | null;
}

export interface TJudgmentFilter {
  queueId?: string;
  /** Judgments about any of these traces: on them, their spans, or queue items targeting them. */
  traceIds?: string[];
  rubricVersionId?: string;
  criterionIds?: string[];
  sources?: TScoreSource[];
  raterKinds?: TRaterKind[];
  /** `current`: each judgment's latest revision (consensus, exports); `first`: the first submitted one (rater statistics). */
  revisions: "current" | "first" | "all";
}

// A label's side is in its name (`key:A`), and only on a pairwise item.
const SIDE = `CASE WHEN i.trace_b_id IS NOT NULL AND s.name ~ ':[AB]$' THEN right(s.name, 1) END`;
const TRACE = `CASE WHEN s.queue_item_id IS NULL THEN coalesce(s.trace_id, sp.trace_id) WHEN ${SIDE} = 'B' THEN i.trace_b_id ELSE i.trace_id END`;
// One chain per (target, rater, name): a revision's first row is revision 1 of the same key.
const FIRST_AT = `CASE WHEN s.revision = 1 THEN s.created_at ELSE (
  SELECT f.created_at FROM scores f
   WHERE f.project_id = s.project_id AND f.revision = 1 AND f.name = s.name
     AND f.queue_item_id IS NOT DISTINCT FROM s.queue_item_id AND f.trace_id IS NOT DISTINCT FROM s.trace_id AND f.span_id IS NOT DISTINCT FROM s.span_id
     AND f.rater_user_id IS NOT DISTINCT FROM s.rater_user_id AND f.rater_api_key_id IS NOT DISTINCT FROM s.rater_api_key_id
     AND f.rater_name IS NOT DISTINCT FROM s.rater_name AND f.rater_version IS NOT DISTINCT FROM s.rater_version
     AND (f.queue_item_id = s.queue_item_id OR f.span_id = s.span_id OR f.trace_id = s.trace_id)
   LIMIT 1) END`;

const RATER_KIND_SQL: Record<TRaterKind, string> = {
  user: "s.rater_user_id IS NOT NULL",
  apiKey: "s.rater_api_key_id IS NOT NULL",
  external: "s.rater_name IS NOT NULL",
};

/** A judgment as statistics over many judgments need it: its unit, criterion, rater, place in its chain and value. */
export type TJudgmentValues = Omit<TJudgment, "firstSubmittedAt" | "createdAt" | "comment" | "name" | "rubricVersionId" | "criterionKey" | "source">;

/** One page: the judgments after `after` in id order, at most `limit`. */
function pageSql(projectId: string, filter: TJudgmentFilter, after: string | null, limit: number | null, lean = false): { text: string; values: unknown[] } {
  const values: unknown[] = [projectId];
  const param = (value: unknown, cast: string) => {
    values.push(value);
    return `$${values.length}::${cast}`;
  };
  const where = ["s.project_id = $1::uuid"];
  if (after) where.push(`s.id > ${param(after, "uuid")}`);
  // Each unit filter is also said over indexed columns, so the planner can start from the
  // scores of those items or traces rather than walk the whole project.
  if (filter.queueId) {
    where.push(`s.queue_item_id IN (SELECT q.id FROM queue_items q WHERE q.project_id = $1::uuid AND q.queue_id = ${param(filter.queueId, "uuid")})`);
  }
  if (filter.traceIds) {
    const ids = param(filter.traceIds, "uuid[]");
    where.push(`(s.trace_id = ANY(${ids})
        OR s.span_id IN (SELECT x.id FROM spans x WHERE x.project_id = $1::uuid AND x.trace_id = ANY(${ids}))
        OR s.queue_item_id IN (SELECT q.id FROM queue_items q WHERE q.project_id = $1::uuid AND (q.trace_id = ANY(${ids}) OR q.trace_b_id = ANY(${ids}))))`);
    where.push(`((${TRACE}) = ANY(${ids}) OR (s.queue_item_id IS NOT NULL AND (${SIDE}) IS NULL AND i.trace_b_id = ANY(${ids})))`);
  }
  if (filter.rubricVersionId) where.push(`s.rubric_version_id = ${param(filter.rubricVersionId, "uuid")}`);
  if (filter.criterionIds) where.push(`s.criterion_id = ANY(${param(filter.criterionIds, "uuid[]")})`);
  if (filter.sources) where.push(`s.source::text = ANY(${param(filter.sources, "text[]")})`);
  if (filter.raterKinds) where.push(`(${filter.raterKinds.map((k) => RATER_KIND_SQL[k]).join(" OR ") || "false"})`);
  if (filter.revisions === "current") where.push("s.is_current");
  if (filter.revisions === "first") where.push("s.revision = 1");
  // Every column costs decoding on each of possibly 100,000 rows: the lean form reads only what statistics use.
  const described = lean
    ? ""
    : `s.name, s.rubric_version_id AS "rubricVersionId", c.key AS "criterionKey", s.source, ${FIRST_AT} AS "firstSubmittedAt", s.created_at AS "createdAt", s.comment,`;
  const text = `
SELECT s.id, s.queue_item_id AS "queueItemId", ${TRACE} AS "traceId", s.span_id AS "spanId", ${SIDE} AS side, s.criterion_id AS "criterionId", ${described}
       s.rater_user_id AS "raterUserId", s.rater_api_key_id AS "raterApiKeyId", s.rater_name AS "raterName", s.rater_version AS "raterVersion",
       s.revision, s.is_current AS "isCurrent",
       s.data_type AS "dataType", s.number_value AS "numberValue", s.text_value AS "textValue", s.json_value AS "jsonValue"
  FROM scores s
  LEFT JOIN queue_items i ON i.project_id = s.project_id AND i.id = s.queue_item_id
  LEFT JOIN spans sp ON sp.project_id = s.project_id AND sp.id = s.span_id
  ${lean ? "" : "LEFT JOIN criteria c ON c.project_id = s.project_id AND c.id = s.criterion_id"}
 WHERE ${where.join("\n   AND ")}
 ${limit === null ? "" : `ORDER BY s.id LIMIT ${param(limit, "int")}`}`;
  return { text, values };
}

interface Row {
  raterUserId: string | null;
  raterApiKeyId: string | null;
  raterName: string | null;
  raterVersion: string | null;
  dataType: string;
  numberValue: number | null;
  textValue: string | null;
  jsonValue: unknown;
  [field: string]: unknown;
}

function judgmentOf(row: Row): TJudgmentValues {
  const { raterUserId, raterApiKeyId, raterName, raterVersion, dataType, numberValue, textValue, jsonValue, ...rest } = row;
  const rater: TRater = raterUserId
    ? { kind: "user", id: raterUserId }
    : raterApiKeyId
      ? { kind: "apiKey", id: raterApiKeyId }
      : { kind: "external", name: raterName as string, version: raterVersion };
  return { ...(rest as Omit<TJudgmentValues, "rater" | "value">), rater, value: decodeValue({ dataType, numberValue, textValue, jsonValue }) };
}

/** Every judgment of the project that passes the filter, in id order, read a page at a time. */
export function readJudgments(sql: Sql, projectId: string, filter: TJudgmentFilter, options: { pageSize?: number } = {}): AsyncGenerator<TJudgment> {
  return pages(sql, projectId, filter, options.pageSize ?? 1000, false) as AsyncGenerator<TJudgment>;
}

/**
 * The same judgments without their times and comment, for statistics over a whole queue (the
 * agreement report reads 100,000 labels this way): one query, streamed through a cursor a
 * batch at a time, rather than one query per page; in no particular order.
 */
export async function* readJudgmentValues(
  pool: pg.Pool,
  projectId: string,
  filter: TJudgmentFilter,
  options: { batchSize?: number } = {},
): AsyncGenerator<TJudgmentValues> {
  const { text, values } = pageSql(projectId, filter, null, null, true);
  const client = await pool.connect();
  let done = false;
  try {
    await client.query("BEGIN READ ONLY");
    await client.query(`DECLARE judgment_values NO SCROLL CURSOR FOR ${text}`, values);
    for (;;) {
      const { rows } = await client.query(`FETCH ${options.batchSize ?? 10_000} FROM judgment_values`);
      for (const row of rows) yield judgmentOf(row as Row);
      if (rows.length === 0) break;
    }
    await client.query("COMMIT");
    done = true;
  } finally {
    // A consumer that stops early (or an error) leaves the transaction open: end it before the connection goes back.
    if (!done) await client.query("ROLLBACK").catch(() => undefined);
    client.release();
  }
}

async function* pages(sql: Sql, projectId: string, filter: TJudgmentFilter, pageSize: number, lean: boolean): AsyncGenerator<TJudgmentValues> {
  let after: string | null = null;
  for (;;) {
    const { text, values } = pageSql(projectId, filter, after, pageSize, lean);
    const { rows } = await sql.query(text, values);
    for (const row of rows) yield judgmentOf(row as Row);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].id as string;
  }
}
