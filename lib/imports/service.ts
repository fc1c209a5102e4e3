import type pg from "pg";
import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { AppError, notFound } from "@/lib/errors";
import { sendJob } from "@/lib/jobs/send";
import { RUN_IMPORT } from "./jobs";
import { csvRows, jsonlLines } from "./parse";
import { guessMapping } from "./rows.mjs";
import { IMPORT_LIMITS, type TImportCreate, type TImportDetail, type TImportPreview, type TImportStart, type TImportView } from "./schemas";
import { type ImportRow, findImport, importDetail, listImports, readChunks, toView } from "./store";

// File imports, for signed-in engineers: create, upload in pieces, preview, start, follow.

async function ownImport(pool: pg.Pool, ctx: ProjectContext, importId: string): Promise<ImportRow> {
  const row = await findImport(pool, ctx.project.id, importId);
  if (!row) throw notFound("Import");
  return row;
}

export async function createImport(pool: pg.Pool, ctx: ProjectContext, input: TImportCreate): Promise<TImportView> {
  assertCan(ctx, "traces:write");
  // Unfinished uploads hold disk until the daily sweep: a project may only have a few at once.
  const { rows: open } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM imports WHERE project_id = $1 AND status = 'UPLOADING'", [
    ctx.project.id,
  ]);
  if (open[0].n >= IMPORT_LIMITS.openUploads)
    throw new AppError("conflict", `This project already has ${open[0].n} unfinished uploads; finish or start them first`);
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const { rows } = await pool.query<ImportRow>(
    "INSERT INTO imports (project_id, format, file_name, size_bytes, created_by_id) VALUES ($1, $2, $3, $4, $5) RETURNING *",
    [ctx.project.id, input.format, input.fileName, input.sizeBytes, userId],
  );
  return toView(rows[0]);
}

/**
 * Appends piece `seq` of the file. Pieces arrive in order; sending a piece again (a retry
 * after a lost answer) is accepted and changes nothing.
 */
export async function uploadChunk(pool: pg.Pool, ctx: ProjectContext, importId: string, seq: number, data: Buffer): Promise<TImportView> {
  assertCan(ctx, "traces:write");
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const row = await findImport(client, ctx.project.id, importId, true);
    if (!row) throw notFound("Import");
    if (seq < row.chunk_count) {
      await client.query("ROLLBACK");
      return toView(row);
    }
    if (row.status !== "UPLOADING") throw new AppError("conflict", "The upload of this import is finished");
    if (seq > row.chunk_count) throw new AppError("conflict", `Send piece ${row.chunk_count} next`);
    if (data.length === 0) throw new AppError("bad_request", "The piece is empty");
    const offset = Number(row.uploaded_bytes);
    if (offset + data.length > Number(row.size_bytes)) throw new AppError("payload_too_large", "The file is larger than announced");
    await client.query("INSERT INTO import_chunks (project_id, import_id, seq, byte_offset, data) VALUES ($1, $2, $3, $4, $5)", [
      row.project_id,
      row.id,
      seq,
      offset,
      data,
    ]);
    const { rows } = await client.query<ImportRow>(
      "UPDATE imports SET chunk_count = chunk_count + 1, uploaded_bytes = uploaded_bytes + $3, updated_at = now() WHERE project_id = $1 AND id = $2 RETURNING *",
      [row.project_id, row.id, data.length],
    );
    await client.query("COMMIT");
    return toView(rows[0]);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** The first rows as the import will read them, and for CSV a mapping guessed from the header. */
export async function previewImport(pool: pg.Pool, ctx: ProjectContext, importId: string): Promise<TImportPreview> {
  assertCan(ctx, "traces:write");
  const row = await ownImport(pool, ctx, importId);
  if (row.chunk_count === 0) throw new AppError("conflict", "Nothing has been uploaded yet");
  const source = readChunks(pool, row.project_id, row.id, 0);
  const rows: string[][] = [];
  if (row.format === "JSONL") {
    for await (const l of jsonlLines(source, { offset: 0, line: 0 }, 64 * 1024)) {
      if (l.text?.trim() === "") continue;
      rows.push([l.text === null ? "(line too long to show)" : l.text.slice(0, 2000)]);
      if (rows.length >= IMPORT_LIMITS.previewRows) break;
    }
    return { format: "JSONL", header: null, rows, guess: null };
  }
  let header: string[] | null = null;
  try {
    for await (const r of csvRows(source, 0)) {
      if (!header) header = r.record;
      else rows.push(r.record.map((c) => c.slice(0, 500)));
      if (rows.length >= IMPORT_LIMITS.previewRows) break;
    }
  } catch (error) {
    throw new AppError("bad_request", `The file is not valid CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!header) throw new AppError("bad_request", "The file has no header row");
  return { format: "CSV", header, rows, guess: guessMapping(header) };
}

/** Ends the upload and queues the import. CSV needs a mapping with at least one mapped column. */
export async function startImport(pool: pg.Pool, ctx: ProjectContext, importId: string, input: TImportStart): Promise<TImportView> {
  assertCan(ctx, "traces:write");
  const row = await ownImport(pool, ctx, importId);
  if (row.status !== "UPLOADING") throw new AppError("conflict", "This import has already started");
  if (Number(row.uploaded_bytes) !== Number(row.size_bytes))
    throw new AppError("conflict", `Only ${row.uploaded_bytes} of ${row.size_bytes} bytes have arrived`);
  const mapping = row.format === "CSV" ? Object.fromEntries(Object.entries(input.mapping ?? {}).filter(([, f]) => f !== "")) : null;
  if (mapping && Object.keys(mapping).length === 0)
    throw new AppError("validation_failed", "Map at least one column to a trace field", [{ path: "mapping", message: "Map at least one column" }]);
  const { rows } = await pool.query<ImportRow>(
    `UPDATE imports SET status = 'QUEUED', mapping = $3, tag_separator = $4, updated_at = now()
      WHERE project_id = $1 AND id = $2 AND status = 'UPLOADING' RETURNING *`,
    [ctx.project.id, importId, mapping ? JSON.stringify(mapping) : null, input.tagSeparator ?? null],
  );
  if (!rows[0]) throw new AppError("conflict", "This import has already started");
  await sendJob(RUN_IMPORT, { projectId: ctx.project.id, importId }, { singletonKey: importId });
  return toView(rows[0]);
}

export async function listProjectImports(pool: pg.Pool, ctx: ProjectContext): Promise<TImportView[]> {
  assertCan(ctx, "traces:write");
  return listImports(pool, ctx.project.id);
}

export async function getImport(pool: pg.Pool, ctx: ProjectContext, importId: string): Promise<TImportDetail> {
  assertCan(ctx, "traces:write");
  return importDetail(pool, await ownImport(pool, ctx, importId));
}
