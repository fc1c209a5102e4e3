import type { TJudgmentAfter, TJudgmentFilter, TJudgmentOrder, TJudgmentTarget, TRaterKind } from "./judgment";

// The judgments reader's statement, built from a filter: every read of judgments by another
// capability is this one SELECT with some of its predicates and an order (and, for names,
// one fixed statement by id set after it).

export interface TPageSpec {
  order: TJudgmentOrder;
  after: TJudgmentAfter | null;
  /** null: every row at once, for reads a screen shows whole. */
  limit: number | null;
  names: boolean;
  firstSubmittedAt: boolean;
  /** Only the columns of TJudgmentValues: a read of a whole queue parses each column 100,000 times. */
  valuesOnly?: boolean;
  /** With `valuesOnly`, only the columns of TJudgmentCore (the others null), and the id only if `ids`. */
  core?: { ids: boolean };
}

// A label's side is in its name (`key:A`), and only on a pairwise item.
const SIDE = `CASE WHEN i.trace_b_id IS NOT NULL AND s.name ~ ':[AB]$' THEN right(s.name, 1) END`;
/** The trace judged (see TJudgment.traceId), from the joins the statement has. */
function traceSql(items: boolean, spans: boolean): string {
  const direct = spans ? "coalesce(s.trace_id, sp.trace_id)" : "s.trace_id";
  return items ? `CASE WHEN s.queue_item_id IS NULL THEN ${direct} WHEN ${SIDE} = 'B' THEN i.trace_b_id ELSE i.trace_id END` : direct;
}

/**
 * Which targets the rows of a read can have: a queue filter or the item order leaves only
 * labels, `targets` only those kinds. A join no row can use is left out of the statement, which
 * the labeling screen's reads (one item's labels, the scores on its traces) feel.
 */
function possibleTargets(filter: TJudgmentFilter, order: TJudgmentOrder): Set<TJudgmentTarget> {
  const labelsOnly = filter.queueId !== undefined || filter.queueItemIds !== undefined || order === "queueItem";
  return new Set((filter.targets ?? ["trace", "span", "queueItem"]).filter((t) => !labelsOnly || t === "queueItem"));
}
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

const TARGET_SQL: Record<TJudgmentTarget, string> = {
  trace: "s.trace_id IS NOT NULL",
  span: "s.span_id IS NOT NULL",
  queueItem: "s.queue_item_id IS NOT NULL",
};

interface Key {
  column: string;
  cast: string;
  field: "id" | "queueItemId" | "createdAt" | "name";
}
const ID: Key = { column: "s.id", cast: "uuid", field: "id" };
const CREATED: Key = { column: "s.created_at", cast: "timestamptz", field: "createdAt" };
const NAME: Key = { column: "s.name", cast: "text", field: "name" };
// The labels of one submission share their time; they come by name, as the screens list them.
const ORDER_KEYS: Record<TJudgmentOrder, Key[]> = {
  id: [ID],
  queueItem: [{ column: "s.queue_item_id", cast: "uuid", field: "queueItemId" }, ID],
  created: [CREATED, NAME, ID],
  name: [NAME, CREATED, ID],
};

// What a person reads that the statement's own joins already reach; raters' and rubrics' names
// are read after, by id set (reader.ts), so the page's plan stays as small as without them.
const names = (spans: boolean) =>
  `, c.label AS "criterionLabel", ${spans ? `sp.span_id AS "spanRef", sp.name AS "spanName"` : `NULL::text AS "spanRef", NULL::text AS "spanName"`}`;

/** The names of a page's raters and rubric versions, by id: one row each, `kind` saying which. */
export const NAMES_SQL = `
SELECT 'user' AS kind, u.id, u.email AS name, u.name AS detail, NULL::int AS version FROM users u WHERE u.id = ANY($2::uuid[])
UNION ALL
SELECT 'apiKey', k.id, k.name, NULL, NULL FROM api_keys k WHERE k.project_id = $1::uuid AND k.id = ANY($3::uuid[])
UNION ALL
SELECT 'rubric', rv.id, r.name, r.slug, rv.version
  FROM rubric_versions rv JOIN rubrics r ON r.project_id = rv.project_id AND r.id = rv.rubric_id
 WHERE rv.project_id = $1::uuid AND rv.id = ANY($4::uuid[])`;

/** One page: the judgments after `after` in the order asked, at most `limit`. */
export function pageSql(projectId: string, filter: TJudgmentFilter, page: TPageSpec): { text: string; values: unknown[] } {
  const values: unknown[] = [projectId];
  const param = (value: unknown, cast: string) => {
    values.push(value);
    return `$${values.length}::${cast}`;
  };
  const where = ["s.project_id = $1::uuid"];
  const keys = ORDER_KEYS[page.order];
  const possible = possibleTargets(filter, page.order);
  const [items, spans] = [possible.has("queueItem"), possible.has("span")];
  const trace = traceSql(items, spans);
  const side = items ? SIDE : "NULL::text";
  if (page.order === "queueItem") where.push("s.queue_item_id IS NOT NULL");
  if (page.after) {
    const after = page.after;
    const bound = keys.map((k) => {
      if (after[k.field] === undefined || after[k.field] === null) throw new Error(`Reading judgments in ${page.order} order after one needs its ${k.field}`);
      return param(after[k.field], k.cast);
    });
    where.push(`(${keys.map((k) => k.column).join(", ")}) > (${bound.join(", ")})`);
  }
  // Each unit filter is also said over indexed columns, so the planner can start from the
  // scores of those items or traces rather than walk the whole project.
  if (filter.queueId) {
    // Resuming in item order, the items before the page are skipped in the queue's list too.
    const from = page.order === "queueItem" && page.after ? ` AND q.id >= ${param(page.after.queueItemId, "uuid")}` : "";
    where.push(`s.queue_item_id IN (SELECT q.id FROM queue_items q WHERE q.project_id = $1::uuid AND q.queue_id = ${param(filter.queueId, "uuid")}${from})`);
  }
  if (filter.queueItemIds) where.push(`s.queue_item_id = ANY(${param(filter.queueItemIds, "uuid[]")})`);
  if (filter.traceIds) {
    const ids = param(filter.traceIds, "uuid[]");
    const about: string[] = [];
    if (possible.has("trace")) about.push(`s.trace_id = ANY(${ids})`);
    // The spans and items are listed once, before the scan (ARRAY(…) is computed once), so
    // each arm is an index lookup on scores and Postgres can OR them as bitmaps.
    if (possible.has("span")) about.push(`s.span_id = ANY(ARRAY(SELECT x.id FROM spans x WHERE x.project_id = $1::uuid AND x.trace_id = ANY(${ids})))`);
    if (possible.has("queueItem")) {
      about.push(
        `s.queue_item_id = ANY(ARRAY(SELECT q.id FROM queue_items q WHERE q.project_id = $1::uuid AND (q.trace_id = ANY(${ids}) OR q.trace_b_id = ANY(${ids}))))`,
      );
    }
    where.push(`(${about.join("\n        OR ") || "false"})`);
    // A per-side label is about its side's trace only; a preference is about both.
    if (possible.has("queueItem") && !filter.anySide) {
      where.push(`(s.queue_item_id IS NULL OR (${trace}) = ANY(${ids}) OR ((${SIDE}) IS NULL AND i.trace_b_id = ANY(${ids})))`);
    }
  } else if (filter.targets) {
    where.push(`(${filter.targets.map((t) => TARGET_SQL[t]).join(" OR ") || "false"})`);
  }
  if (filter.rubricVersionId) where.push(`s.rubric_version_id = ${param(filter.rubricVersionId, "uuid")}`);
  if (filter.criterionIds) where.push(`s.criterion_id = ANY(${param(filter.criterionIds, "uuid[]")})`);
  if (filter.sources) where.push(`s.source::text = ANY(${param(filter.sources, "text[]")})`);
  if (filter.raterNames) where.push(`s.rater_name = ANY(${param(filter.raterNames, "text[]")})`);
  if (filter.judgeVersionIds === "none") where.push("s.judge_version_id IS NULL");
  else if (filter.judgeVersionIds) where.push(`s.judge_version_id = ANY(${param(filter.judgeVersionIds, "uuid[]")})`);
  if (filter.raterKinds) where.push(`(${filter.raterKinds.map((k) => RATER_KIND_SQL[k]).join(" OR ") || "false"})`);
  if (filter.revisions === "current") where.push("s.is_current");
  if (filter.revisions === "first") where.push("s.revision = 1");
  const shape: Shape = { trace, side, items, spans };
  const text = `
${page.valuesOnly ? valuesSelect(shape, page.core) : fullSelect(shape, page)}
 WHERE ${where.join("\n   AND ")}
 ORDER BY ${keys.map((k) => k.column).join(", ")}${page.limit === null ? "" : `\n LIMIT ${param(page.limit, "int")}`}`;
  return { text, values };
}

/** The statement's unit columns and which joins its rows can use. */
interface Shape {
  trace: string;
  side: string;
  items: boolean;
  spans: boolean;
}

const joins = ({ items, spans }: Shape, criteria: boolean) =>
  `${items ? "  LEFT JOIN queue_items i ON i.project_id = s.project_id AND i.id = s.queue_item_id\n" : ""}${spans ? "  LEFT JOIN spans sp ON sp.project_id = s.project_id AND sp.id = s.span_id\n" : ""}${criteria ? "  LEFT JOIN criteria c ON c.project_id = s.project_id AND c.id = s.criterion_id" : ""}`;

/** The columns of a values-only read, in order: its rows may come as arrays. */
export const VALUE_COLUMNS = [
  "id",
  "queueItemId",
  "traceId",
  "spanId",
  "side",
  "criterionId",
  "raterUserId",
  "raterApiKeyId",
  "raterName",
  "raterVersion",
  "revision",
  "dataType",
  "numberValue",
  "textValue",
  "jsonValue",
] as const;

// Not read for a core read: null costs the server and the driver next to nothing.
const NOT_CORE = new Set<string>(["traceId", "spanId", "revision"]);

function valuesSelect(shape: Shape, core?: { ids: boolean }): string {
  const column: Record<(typeof VALUE_COLUMNS)[number], string> = {
    id: "s.id",
    queueItemId: "s.queue_item_id",
    traceId: shape.trace,
    spanId: "s.span_id",
    side: shape.side,
    criterionId: "s.criterion_id",
    raterUserId: "s.rater_user_id",
    raterApiKeyId: "s.rater_api_key_id",
    raterName: "s.rater_name",
    raterVersion: "s.rater_version",
    revision: "s.revision",
    dataType: "s.data_type",
    numberValue: "s.number_value",
    textValue: "s.text_value",
    jsonValue: "s.json_value",
  };
  const left = (name: string) => core !== undefined && (NOT_CORE.has(name) || (name === "id" && !core.ids));
  return `SELECT ${VALUE_COLUMNS.map((name) => `${left(name) ? "NULL" : column[name]} AS "${name}"`).join(", ")}
  FROM scores s
${joins(shape, false)}`;
}

function fullSelect(shape: Shape, page: TPageSpec): string {
  return `SELECT s.id, s.queue_item_id AS "queueItemId", ${shape.trace} AS "traceId", s.span_id AS "spanId", ${shape.side} AS side, s.name, s.external_id AS "externalId",
       s.rubric_version_id AS "rubricVersionId", s.criterion_id AS "criterionId", c.key AS "criterionKey", s.source,
       s.rater_user_id AS "raterUserId", s.rater_api_key_id AS "raterApiKeyId", s.rater_name AS "raterName", s.rater_version AS "raterVersion",
       s.judge_version_id AS "judgeVersionId", s.revision, s.is_current AS "isCurrent", s.supersedes_id AS "supersedesId",
       ${page.firstSubmittedAt ? FIRST_AT : "NULL::timestamptz"} AS "firstSubmittedAt", s.created_at AS "createdAt", s.comment,
       s.data_type AS "dataType", s.number_value AS "numberValue", s.text_value AS "textValue", s.json_value AS "jsonValue"${page.names ? names(shape.spans) : ""}
  FROM scores s
${joins(shape, true)}`;
}
