import pg from "pg";
import type { Tx } from "@/lib/db/client";
import type { Sql } from "@/lib/db/transaction";
import { type TScoreDataType, type TSide, decodeValue } from "./codec";
import type {
  TJudgment,
  TJudgmentAfter,
  TJudgmentCore,
  TJudgmentFilter,
  TJudgmentNames,
  TJudgmentValues,
  TNamedJudgment,
  TPageOptions,
  TRater,
  TReadOptions,
  TScoreSource,
} from "./judgment";
import { NAMES_SQL, type TPageSpec, VALUE_COLUMNS, pageSql } from "./reader-sql";

// The one reader of judgments for other capabilities (agreement, exports, datasets, judges,
// the labeling screen, a trace's pages): every row of `scores` as one judgment, whatever
// wrote it. `readJudgmentPage` reads one keyset page; `readJudgments` streams them all, a
// page at a time, so memory stays flat however many there are. Callers check the caller's
// scope; the reader only ever reads the one project it is given.

export type * from "./judgment";

type Read<O extends TReadOptions> = O extends { names: true } ? TNamedJudgment : TJudgment;

/** A pg pool or connection, or a Prisma client or transaction: services hold one or the other. */
export type TReaderDb = Sql | Tx;

async function rowsOf(db: TReaderDb, text: string, values: unknown[]): Promise<Row[]> {
  if ("$queryRawUnsafe" in db) return db.$queryRawUnsafe<Row[]>(text, ...values);
  return (await db.query(text, values)).rows;
}

interface Row {
  raterUserId: string | null;
  raterApiKeyId: string | null;
  raterName: string | null;
  raterVersion: string | null;
  dataType: TScoreDataType;
  numberValue: number | null;
  textValue: string | null;
  jsonValue: unknown;
  [field: string]: unknown;
}

function raterOf(row: Row): TRater {
  if (row.raterUserId) return { kind: "user", id: row.raterUserId };
  if (row.raterApiKeyId) return { kind: "apiKey", id: row.raterApiKeyId };
  return { kind: "external", name: row.raterName as string, version: row.raterVersion };
}

interface NameRow {
  kind: "user" | "apiKey" | "rubric";
  id: string;
  name: string;
  detail: string | null;
  version: number | null;
}

/** The names of the raters and rubric versions of these rows, read in one statement by id set. */
async function namesOf(db: TReaderDb, projectId: string, rows: Row[]): Promise<(r: Row) => TJudgmentNames> {
  const idsOf = (field: string) => [...new Set(rows.map((r) => r[field] as string | null).filter((id): id is string => id !== null))];
  const found = rows.length ? await rowsOf(db, NAMES_SQL, [projectId, idsOf("raterUserId"), idsOf("raterApiKeyId"), idsOf("rubricVersionId")]) : [];
  const byId = new Map((found as unknown as NameRow[]).map((n) => [`${n.kind}/${n.id}`, n]));
  return (r) => {
    const user = byId.get(`user/${r.raterUserId}`);
    const rubric = byId.get(`rubric/${r.rubricVersionId}`);
    return {
      raterUser: user ? { email: user.name, name: user.detail as string } : null,
      apiKeyName: byId.get(`apiKey/${r.raterApiKeyId}`)?.name ?? null,
      rubric: rubric ? { name: rubric.name, slug: rubric.detail as string, version: rubric.version } : null,
      criterionLabel: r.criterionLabel as string | null,
      span: r.spanRef === null ? null : { ref: r.spanRef as string, name: r.spanName as string },
    };
  };
}

function judgmentOf(r: Row): TJudgment {
  const judgment: TJudgment = {
    id: r.id as string,
    queueItemId: r.queueItemId as string | null,
    traceId: r.traceId as string,
    spanId: r.spanId as string | null,
    side: r.side as TSide | null,
    name: r.name as string,
    externalId: r.externalId as string | null,
    rubricVersionId: r.rubricVersionId as string | null,
    criterionId: r.criterionId as string | null,
    criterionKey: r.criterionKey as string | null,
    source: r.source as TScoreSource,
    rater: raterOf(r),
    judgeVersionId: (r.judgeVersionId as string | null) ?? null,
    revision: r.revision as number,
    isCurrent: r.isCurrent as boolean,
    supersedesId: r.supersedesId as string | null,
    firstSubmittedAt: r.firstSubmittedAt as Date | null,
    createdAt: r.createdAt as Date,
    comment: r.comment as string | null,
    dataType: r.dataType,
    value: decodeValue(r),
  };
  return judgment;
}

/** At most `limit` judgments of the project that pass the filter, in the order asked, after `after`. */
export function readJudgmentPage<O extends TPageOptions>(db: TReaderDb, projectId: string, filter: TJudgmentFilter, options: O): Promise<Read<O>[]> {
  return readRows(db, projectId, filter, options);
}

async function readRows<O extends TReadOptions>(
  db: TReaderDb,
  projectId: string,
  filter: TJudgmentFilter,
  options: O & { after?: TJudgmentAfter | null; limit: number | null },
): Promise<Read<O>[]> {
  const spec: TPageSpec = {
    order: options.order ?? "id",
    after: options.after ?? null,
    limit: options.limit,
    names: options.names ?? false,
    firstSubmittedAt: options.firstSubmittedAt ?? true,
  };
  const { text, values } = pageSql(projectId, filter, spec);
  const rows = await rowsOf(db, text, values);
  if (!spec.names) return rows.map((row) => judgmentOf(row) as Read<O>);
  const names = await namesOf(db, projectId, rows);
  return rows.map((row) => ({ ...judgmentOf(row), names: names(row) }) as TNamedJudgment as Read<O>);
}

/** Every judgment of the project that passes the filter, in the order asked (id by default), read a page at a time. */
export async function* readJudgments<O extends TReadOptions>(
  db: TReaderDb,
  projectId: string,
  filter: TJudgmentFilter,
  options: O & { pageSize?: number } = {} as O,
): AsyncGenerator<Read<O>> {
  const limit = options.pageSize ?? 1000;
  let after: TJudgment | null = null;
  for (;;) {
    const page: Read<O>[] = await readJudgmentPage(db, projectId, filter, { ...options, after, limit });
    yield* page;
    if (page.length < limit) return;
    after = page[page.length - 1];
  }
}

/**
 * Every judgment that passes the filter in one statement, for reads a screen shows whole (a
 * trace's scores, one item's labels): without a LIMIT, the planner starts from the filter's
 * indexes rather than walk an index in the order asked hoping to stop early.
 */
export async function readAllJudgments<O extends TReadOptions>(
  db: TReaderDb,
  projectId: string,
  filter: TJudgmentFilter,
  options: O = {} as O,
): Promise<Read<O>[]> {
  return readRows(db, projectId, filter, { ...options, after: null, limit: null });
}

/**
 * Judgments for statistics over a whole queue (the agreement report reads 100,000 labels this
 * way): only the columns statistics use, without the lookup of when each chain was first
 * submitted, in one statement. Keyset pages would walk the id index and look up each row's
 * item; one statement lets Postgres hash the queue's items and sort once, a quarter of the
 * time at 100,000 labels. The caller holds every label anyway, so one page costs no memory
 * that many would not.
 */
export async function readJudgmentValues(db: TReaderDb, projectId: string, filter: TJudgmentFilter): Promise<TJudgmentValues[]> {
  const { text, values } = pageSql(projectId, filter, { order: "id", after: null, limit: null, names: false, firstSubmittedAt: false, valuesOnly: true });
  // Rows as arrays: the driver builds no object of named fields per row, only for it to be read once.
  const rows: unknown[][] =
    "$queryRawUnsafe" in db
      ? (await db.$queryRawUnsafe<Row[]>(text, ...values)).map((row) => VALUE_COLUMNS.map((name) => row[name]))
      : (await db.query({ text, values, rowMode: "array" })).rows;
  return rows.map(valuesReader().values);
}

/**
 * The same values, handed to `visit` one at a time as the rows arrive: nothing holds the rows
 * or the judgments but the caller, so a report that keeps only each label's value keeps
 * 100,000 small values rather than 100,000 rows and objects for the collector to walk. A pg
 * pool lends one connection for the statement; a connection (a transaction's) is used as is.
 */
export async function eachJudgmentValue(
  db: Sql,
  projectId: string,
  filter: TJudgmentFilter,
  visit: (judgment: TJudgmentCore) => void,
  { ids = false }: { ids?: boolean } = {},
): Promise<void> {
  const { text, values } = pageSql(projectId, filter, {
    order: "id",
    after: null,
    limit: null,
    names: false,
    firstSubmittedAt: false,
    valuesOnly: true,
    core: { ids },
  });
  const read = valuesReader().core;
  const lent = "totalCount" in db ? await (db as pg.Pool).connect() : null;
  try {
    await new Promise<void>((resolve, reject) => {
      // With a row listener and no callback, pg hands each row over and keeps none.
      // pg's Query types omit `rowMode`, which its constructor reads like the pool's query does.
      const query = new pg.Query({ text, values, rowMode: "array" } as pg.QueryConfig);
      let failed: unknown = null;
      query.on("row", (row: unknown[]) => {
        if (failed !== null) return;
        try {
          visit(read(row));
        } catch (error) {
          failed = error;
        }
      });
      query.on("error", reject);
      query.on("end", () => (failed === null ? resolve() : reject(failed)));
      (lent ?? (db as pg.ClientBase)).query(query);
    });
  } finally {
    lent?.release();
  }
}

const [ID, QUEUE_ITEM, TRACE, SPAN, SIDE, CRITERION, USER, API_KEY, NAME, VERSION, REVISION, DATA_TYPE, NUMBER, TEXT, JSON_VALUE] = VALUE_COLUMNS.map(
  (_, i) => i,
);

/**
 * Rows to values, each repeated string and rater kept once: a queue's 100,000 labels name a
 * few thousand items and a handful of raters and criteria, and the copies the driver makes of
 * each would otherwise live as long as the labels, for the collector to walk again and again.
 */
function valuesReader(): { values: (r: unknown[]) => TJudgmentValues; core: (r: unknown[]) => TJudgmentCore } {
  const strings = new Map<string, string>();
  const raters = new Map<string, TRater>();
  const once = <T extends string | null>(text: T): T => {
    if (text === null) return text;
    const known = strings.get(text);
    if (known !== undefined) return known as T;
    strings.set(text, text);
    return text;
  };
  const raterOnce = (r: unknown[]): TRater => {
    const [user, apiKey, name, version] = [r[USER], r[API_KEY], r[NAME], r[VERSION]] as (string | null)[];
    // Postgres text never holds NUL, so joined by it a name and version (or none) cannot meet a uuid or each other.
    const key = user ?? apiKey ?? `${name}\u0000${version ?? "\u0000"}`;
    let rater = raters.get(key);
    if (!rater) raters.set(key, (rater = raterOf({ raterUserId: user, raterApiKeyId: apiKey, raterName: name, raterVersion: version } as Row)));
    return rater;
  };
  const valueOf = (r: unknown[]) => {
    const value = decodeValue({
      dataType: r[DATA_TYPE] as TScoreDataType,
      numberValue: r[NUMBER] as number | null,
      textValue: r[TEXT] as string | null,
      jsonValue: r[JSON_VALUE],
    });
    return typeof value === "string" ? once(value) : value;
  };
  return {
    values: (r) => ({
      id: r[ID] as string,
      queueItemId: once(r[QUEUE_ITEM] as string | null),
      traceId: once(r[TRACE] as string),
      spanId: r[SPAN] as string | null,
      side: r[SIDE] as TSide | null,
      criterionId: once(r[CRITERION] as string | null),
      rater: raterOnce(r),
      revision: r[REVISION] as number,
      value: valueOf(r),
    }),
    core: (r) => ({
      id: r[ID] as string | null,
      queueItemId: once(r[QUEUE_ITEM] as string | null),
      side: r[SIDE] as TSide | null,
      criterionId: once(r[CRITERION] as string | null),
      rater: raterOnce(r),
      value: valueOf(r),
    }),
  };
}
