import { randomUUID } from "node:crypto";
import type pg from "pg";
import { z } from "zod";
import { type ProjectContext, projectContextForUser, userActor } from "@/lib/auth/context";
import { can } from "@/lib/auth/scopes";
import { csvColumns, csvRow, jsonlRow } from "@/lib/datasets/import-rows";
import type { TItemCandidate } from "@/lib/datasets/items";
import { importItemBatch } from "@/lib/datasets/items-import";
import { type Db, type Tx, isDatabaseUnavailable } from "@/lib/db/client";
import { transaction } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/ops/log";
import { ingestTraces } from "@/lib/traces/ingest";
import { csvRows, jsonlLines } from "./parse";
import { csvRecordToItem, jsonlLineToItem, withDefaultId } from "./rows.mjs";
import { IMPORT_LIMITS, type TImportErrorRow } from "./schemas";
import { type Checkpoint, type ImportRow, readChunks, saveCheckpoint } from "./store";

// The import job. It reads the uploaded chunks from the checkpoint on, parses as it reads,
// ingests batches through the same path as `POST /api/v1/traces`, and moves the checkpoint
// after each batch.
//
// Exactly once, across crashes: the ingestion commits before the checkpoint does, so a crash
// between them makes the next run ingest that batch again. That is harmless because every
// row has an id: its own, or `<importId>:<line>` when it has none. Re-ingesting merges into
// the same traces, and counts and rejected rows move only with the checkpoint. An import into
// a dataset holds to the same rule: a row without a portable id gets one made of the import
// and the line, and a row found in the dataset with the same content counts as imported.

const LEASE_MS = 2 * 60 * 1000;

interface Entry {
  line: number;
  end: number;
  item?: unknown;
  error?: { code: string; message: string };
}

export interface RunOptions {
  batchItems?: number;
  /** Stops (as a crash would) after this many batches. For tests of resuming. */
  stopAfterBatches?: number;
  leaseMs?: number;
}

export type RunResult = "done" | "failed" | "busy" | "stopped";

async function claim(pool: pg.Pool, projectId: string, importId: string, token: string, leaseMs: number): Promise<ImportRow | null> {
  const { rows } = await pool.query<ImportRow>(
    `UPDATE imports SET status = 'RUNNING', lease_token = $3, lease_until = now() + make_interval(secs => $4),
            started_at = COALESCE(started_at, now()), updated_at = now()
      WHERE project_id = $1 AND id = $2 AND status IN ('QUEUED', 'RUNNING') AND (lease_until IS NULL OR lease_until < now())
      RETURNING *`,
    [projectId, importId, token, leaseMs / 1000],
  );
  return rows[0] ?? null;
}

async function finish(pool: pg.Pool, row: ImportRow, token: string, status: "DONE" | "FAILED", error: string | null): Promise<void> {
  await transaction(pool, async (client) => {
    const { rowCount } = await client.query(
      `UPDATE imports SET status = $4, error = $5, finished_at = now(), updated_at = now(), lease_token = NULL, lease_until = NULL
        WHERE project_id = $1 AND id = $2 AND lease_token = $3`,
      [row.project_id, row.id, token, status, error],
    );
    if (rowCount) await client.query("DELETE FROM import_chunks WHERE project_id = $1 AND import_id = $2", [row.project_id, row.id]);
  });
}

/** The rights of whoever started the import, checked again now: a removed member's import stops. */
async function starterContext(db: Tx, pool: pg.Pool, row: ImportRow): Promise<ProjectContext | null> {
  try {
    const project = await db.project.findFirst({ where: { id: row.project_id }, select: { slug: true } });
    if (!project || !row.created_by_id) return null;
    const ctx = await projectContextForUser(pool, await userActor(db, row.created_by_id), project.slug);
    return can(ctx, row.dataset_id ? "datasets:write" : "traces:write") ? ctx : null;
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

async function* entries(pool: pg.Pool, row: ImportRow, header: { value: string[] | null }): AsyncGenerator<Entry> {
  const source = readChunks(pool, row.project_id, row.id, Number(row.byte_offset));
  if (row.format === "JSONL") {
    for await (const l of jsonlLines(source, { offset: Number(row.byte_offset), line: row.line_no })) {
      if (l.text === null)
        yield { line: l.line, end: l.end, error: { code: "line_too_long", message: `The line is longer than ${IMPORT_LIMITS.lineBytes} bytes` } };
      else if (l.text.trim() === "") yield { line: l.line, end: l.end };
      else if (row.dataset_id) {
        const outcome = jsonlRow(l.text, row.id, l.line);
        yield "error" in outcome ? { line: l.line, end: l.end, error: outcome.error } : { line: l.line, end: l.end, item: outcome.candidate };
      } else {
        const parsed = jsonlLineToItem(l.text);
        yield parsed.error !== undefined
          ? { line: l.line, end: l.end, error: { code: "invalid_json", message: parsed.error } }
          : { line: l.line, end: l.end, item: withDefaultId(parsed.item, row.id, l.line) };
      }
    }
    return;
  }
  let line = row.line_no;
  let columns = row.dataset_id && header.value ? csvColumns(header.value) : null;
  for await (const r of csvRows(source, Number(row.byte_offset))) {
    line++;
    if (!header.value) {
      header.value = r.record;
      if (row.dataset_id) columns = csvColumns(r.record);
      yield { line, end: r.end };
      continue;
    }
    if (columns) {
      const outcome = csvRow(columns, r.record, row.id, line, row.tag_separator ?? ",");
      yield "error" in outcome ? { line, end: r.end, error: outcome.error } : { line, end: r.end, item: outcome.candidate };
      continue;
    }
    const item = csvRecordToItem(header.value, r.record, row.mapping ?? {}, row.tag_separator ?? ",");
    yield { line, end: r.end, item: withDefaultId(item, row.id, line) };
  }
}

/** Runs (or resumes) one import until it ends, the lease is lost, or `stopAfterBatches`. */
export async function runImport(db: Db, pool: pg.Pool, projectId: string, importId: string, options: RunOptions = {}): Promise<RunResult> {
  const token = randomUUID();
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const row = await claim(pool, projectId, importId, token, leaseMs);
  if (!row) return "busy";
  const ctx = await starterContext(db, pool, row);
  if (!ctx) {
    await finish(pool, row, token, "FAILED", "The person who started this import may no longer add traces to this project");
    return "failed";
  }
  const header = { value: row.header };
  const headerKnown = row.header !== null;
  const batchItems = options.batchItems ?? IMPORT_LIMITS.batchItems;
  let batch: Entry[] = [];
  let items = 0;
  let batches = 0;

  const flush = async (): Promise<boolean> => {
    if (!batch.length) return true;
    const withItems = batch.filter((e) => e.item !== undefined);
    const payload = withItems.map((e) => e.item);
    const outcome = !withItems.length
      ? { results: [], accepted: 0 }
      : row.dataset_id
        ? await importItemBatch({ prisma: db, sql: pool }, ctx, row.dataset_id, payload as TItemCandidate[], row.duplicates ?? "skip")
        : await ingestTraces(pool, ctx, payload);
    const errors: TImportErrorRow[] = batch.filter((e) => e.error).map((e) => ({ line: e.line, ...e.error! }));
    for (const r of outcome.results) {
      if (r.status === "rejected") errors.push({ line: withItems[r.index].line, code: r.code ?? "rejected", message: r.message ?? "Rejected" });
    }
    errors.sort((a, b) => a.line - b.line);
    const last = batch[batch.length - 1];
    const cp: Checkpoint = {
      accepted: outcome.accepted,
      rejected: errors.length,
      lineNo: last.line,
      byteOffset: last.end,
      errors,
      header: !headerKnown && header.value ? header.value : undefined,
    };
    const held = await transaction(pool, (client) => saveCheckpoint(client, row, token, leaseMs, cp, IMPORT_LIMITS.errorsKept));
    batch = [];
    items = 0;
    batches++;
    return held;
  };

  try {
    for await (const entry of entries(pool, row, header)) {
      batch.push(entry);
      if (entry.item !== undefined) items++;
      // Rejected lines count too, so a file of nothing but bad lines still checkpoints.
      if (items >= batchItems || batch.length >= batchItems * 4) {
        if (!(await flush())) return "busy";
        if (options.stopAfterBatches !== undefined && batches >= options.stopAfterBatches) return "stopped";
      }
    }
    if (!(await flush())) return "busy";
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    // Rows before the fault are in; the checkpoint says where it stopped.
    const where = batch.length ? ` near line ${batch[batch.length - 1].line + 1}` : "";
    const message = error instanceof Error ? error.message : String(error);
    // The error's message may quote the file (a parser's excerpt): it goes to the import's own
    // record, which its project reads, and the log says only where and what kind.
    log().error(
      { importId: row.id, projectId: row.project_id, near: batch.at(-1)?.line, errorType: error instanceof Error ? error.name : typeof error },
      "import failed",
    );
    await finish(pool, row, token, "FAILED", `The file could not be read${where}: ${message}`.slice(0, 1000));
    return "failed";
  }
  await finish(pool, row, token, "DONE", null);
  return "done";
}

const ZImportRef = z.object({ projectId: z.uuid(), importId: z.uuid() });

export async function runImportJob(db: Db, pool: pg.Pool, data: unknown): Promise<RunResult> {
  const { projectId, importId } = ZImportRef.parse(data);
  return runImport(db, pool, projectId, importId);
}

/**
 * Every minute: imports whose worker went away (lease expired) are queued again, and uploads
 * abandoned for a day are closed and their chunks deleted.
 */
export async function sweepImports(pool: pg.Pool, enqueue: (ref: { projectId: string; importId: string }) => Promise<unknown>): Promise<number> {
  const { rows } = await pool.query<{ project_id: string; id: string }>(
    `SELECT project_id, id FROM imports WHERE status IN ('QUEUED', 'RUNNING') AND (lease_until IS NULL OR lease_until < now()) AND updated_at < now() - interval '30 seconds'`,
  );
  for (const r of rows) await enqueue({ projectId: r.project_id, importId: r.id });
  await pool.query(
    `WITH closed AS (UPDATE imports SET status = 'FAILED', error = 'The upload was not finished within a day', finished_at = now(), updated_at = now()
                      WHERE status = 'UPLOADING' AND updated_at < now() - interval '1 day' RETURNING project_id, id)
     DELETE FROM import_chunks c USING closed WHERE c.project_id = closed.project_id AND c.import_id = closed.id`,
  );
  return rows.length;
}
