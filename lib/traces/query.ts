import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import type { Tx } from "@/lib/db/client";
import { type TraceCursor, decodeTraceCursor, encodeTraceCursor } from "./cursor";
import { previewText } from "./preview";
import { AppError } from "@/lib/errors";
import { currentScoreOnTrace } from "@/lib/scores/statements";
import { type TTraceFilter, type TTraceListQuery, type TTracePageResult, ZTraceListQuery } from "./schemas";

// The trace list: one SQL statement, keyset-paginated, every filter a parameter. Prisma's
// query builder cannot say `@@` (full text), `@>` on jsonb with an operator class, or a row
// comparison for the cursor, so this is raw SQL through the same client (and transaction).

interface Sql {
  text: string;
  values: unknown[];
}

/** The WHERE clause for a filter; `$1` is always the project. Exported for tests. */
export function filterSql(projectId: string, filter: TTraceFilter, cursor: TraceCursor | null): Sql {
  const values: unknown[] = [projectId];
  const param = (value: unknown, cast: string) => {
    values.push(value);
    return `$${values.length}::${cast}`;
  };
  const where = [`t.project_id = $1::uuid`];
  if (filter.from) where.push(`t.start_time >= ${param(filter.from.toISOString(), "timestamptz")}`);
  if (filter.to) where.push(`t.start_time <= ${param(filter.to.toISOString(), "timestamptz")}`);
  if (filter.name) where.push(`t.name = ${param(filter.name, "text")}`);
  if (filter.tags?.length) where.push(`t.tags @> ${param(filter.tags, "text[]")}`);
  if (filter.release) where.push(`t.release = ${param(filter.release, "text")}`);
  if (filter.promptVersion) where.push(`t.prompt_version = ${param(filter.promptVersion, "text")}`);
  if (filter.sessionId) where.push(`t.session_id = ${param(filter.sessionId, "text")}`);
  if (filter.userId) where.push(`t.end_user_id = ${param(filter.userId, "text")}`);
  if (filter.metaKey && filter.metaValue !== undefined) {
    // A URL carries text; metadata may hold the number 3 or true. Each reading is a
    // containment test the jsonb_path_ops index answers.
    const readings = metadataReadings(filter.metaKey, filter.metaValue);
    where.push(`(${readings.map((doc) => `t.metadata @> ${param(JSON.stringify(doc), "jsonb")}`).join(" OR ")})`);
  }
  if (filter.q) where.push(`t.search @@ websearch_to_tsquery('simple', ${param(filter.q, "text")})`);
  if (filter.model) {
    where.push(`EXISTS (SELECT 1 FROM spans s WHERE s.project_id = $1::uuid AND s.trace_id = t.id AND s.model = ${param(filter.model, "text")})`);
  }
  if (filter.scoreName) where.push(currentScoreOnTrace(param, filter.scoreName, filter.scoreValue));
  if (cursor) {
    const at = param(cursor.startTime.toISOString(), "timestamptz");
    // start_time descending, id ascending: the index order. The first term bounds the scan.
    where.push(`t.start_time <= ${at} AND (t.start_time < ${at} OR t.id > ${param(cursor.id, "uuid")})`);
  }
  return { text: where.join("\n  AND "), values };
}

function metadataReadings(key: string, value: string): Record<string, unknown>[] {
  const readings: Record<string, unknown>[] = [{ [key]: value }];
  if (value === "true" || value === "false") readings.push({ [key]: value === "true" });
  else if (value.trim() !== "" && Number.isFinite(Number(value))) readings.push({ [key]: Number(value) });
  return readings;
}

/** The list statement: newest first, `limit + 1` rows so the caller knows if a next page exists. */
export function listSql(projectId: string, filter: TTraceFilter, cursor: TraceCursor | null, limit: number): Sql {
  const { text, values } = filterSql(projectId, filter, cursor);
  values.push(limit + 1);
  return {
    text: `SELECT t.id, t.external_id, t.name, t.start_time, t.end_time, t.tags, t.release, t.prompt_version,
       t.session_id, t.end_user_id, t.input, t.output
  FROM traces t
 WHERE ${text}
 ORDER BY t.start_time DESC, t.id ASC
 LIMIT $${values.length}::int`,
    values,
  };
}

interface Row {
  id: string;
  external_id: string;
  name: string | null;
  start_time: Date;
  end_time: Date | null;
  tags: string[];
  release: string | null;
  prompt_version: string | null;
  session_id: string | null;
  end_user_id: string | null;
  input: unknown;
  output: unknown;
}

/** One page of the project's traces matching the filter, newest first. */
export async function listTraces(db: Tx, ctx: ProjectContext, input: TTraceListQuery): Promise<TTracePageResult> {
  assertCan(ctx, "traces:read");
  const cursor = input.cursor ? decodeTraceCursor(input.cursor) : null;
  const sql = listSql(ctx.project.id, input, cursor, input.limit);
  const rows = await db.$queryRawUnsafe<Row[]>(sql.text, ...sql.values);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => {
      const start = new Date(r.start_time);
      return {
        id: r.id,
        externalId: r.external_id,
        name: r.name,
        startTime: start.toISOString(),
        durationMs: r.end_time ? new Date(r.end_time).getTime() - start.getTime() : null,
        tags: r.tags,
        release: r.release,
        promptVersion: r.prompt_version,
        sessionId: r.session_id,
        userId: r.end_user_id,
        inputPreview: previewText(r.input),
        outputPreview: previewText(r.output),
      };
    }),
    nextCursor: rows.length > input.limit && last ? encodeTraceCursor({ startTime: new Date(last.start_time), id: last.id }) : null,
  };
}

/** The same page for the public API, which speaks external ids only. */
export async function listTracesForApi(db: Tx, ctx: ProjectContext, input: TTraceListQuery) {
  const page = await listTraces(db, ctx, input);
  return { traces: page.items.map(({ id: _internal, externalId, ...row }) => ({ id: externalId, ...row })), nextCursor: page.nextCursor };
}

/**
 * The ids of every trace matching the filter right now, newest first, at most `max`: the
 * snapshot an "all matching this filter" selection acts on. Returns max + 1 ids when more
 * match, so the caller can refuse rather than silently cut.
 */
export async function traceIdsMatching(db: Tx, ctx: ProjectContext, filter: TTraceFilter, max: number): Promise<string[]> {
  assertCan(ctx, "traces:read");
  const { text, values } = filterSql(ctx.project.id, filter, null);
  values.push(max + 1);
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT t.id FROM traces t WHERE ${text} ORDER BY t.start_time DESC, t.id ASC LIMIT $${values.length}::int`,
    ...values,
  );
  return rows.map((r) => r.id);
}

/**
 * For pages: parses URL fields and lists, turning an invalid filter or cursor into a message
 * shown above an empty list instead of an error page.
 */
export async function listTracesOrProblem(
  db: Tx,
  ctx: ProjectContext,
  params: Record<string, string>,
): Promise<{ page: TTracePageResult; problem: string | null }> {
  const parsed = ZTraceListQuery.safeParse(params);
  const empty = { items: [], nextCursor: null };
  if (!parsed.success)
    return { page: empty, problem: `Check the filters: ${parsed.error.issues.map((i) => `${i.path.join(".") || "filter"}: ${i.message}`).join("; ")}` };
  try {
    return { page: await listTraces(db, ctx, parsed.data), problem: null };
  } catch (error) {
    if (error instanceof AppError && error.code === "validation_failed") return { page: empty, problem: error.message };
    throw error;
  }
}
