import type pg from "pg";
import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { findDatasetHead } from "@/lib/datasets/service";
import { transaction } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { sendJob } from "@/lib/jobs/send";
import { RUN_IMPORT } from "./jobs";
import { csvRows, jsonlLines } from "./parse";
import { guessMapping } from "./rows.mjs";
import { IMPORT_LIMITS, type TImportCreate, type TImportDetail, type TImportPreview, type TImportStart, type TImportView } from "./schemas";
import { type ImportRow, findImport, importDetail, listImports, readChunks, toView } from "./store";
import type { Database } from "@/lib/db/client";

// File imports, for signed-in engineers: create, upload in pieces, preview, start, follow.
// An import fills the trace store or, named by `target`, one golden dataset; the same steps
// serve both, each import found only as what it is.

/** What an import fills: traces (`datasetId` null) or one dataset's items. */
export interface TImportTarget {
  datasetId: string | null;
}
const TRACES: TImportTarget = { datasetId: null };

function assertTarget(ctx: ProjectContext, target: TImportTarget) {
  assertCan(ctx, target.datasetId ? "datasets:write" : "traces:write");
}

async function ownImport(pool: pg.Pool, ctx: ProjectContext, importId: string, target: TImportTarget): Promise<ImportRow> {
  const row = await findImport(pool, ctx.project.id, importId, target.datasetId);
  if (!row) throw notFound("Import");
  return row;
}

export async function createImport({ prisma, sql: pool }: Database, ctx: ProjectContext, input: TImportCreate, target = TRACES): Promise<TImportView> {
  assertTarget(ctx, target);
  if (target.datasetId && (await findDatasetHead(prisma, ctx.project.id, target.datasetId)).archived)
    throw new AppError("conflict", "This dataset is archived: bring it back before importing into it");
  // Unfinished uploads hold disk until the daily sweep: a project may only have a few at once.
  const { rows: open } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM imports WHERE project_id = $1 AND status = 'UPLOADING'", [
    ctx.project.id,
  ]);
  if (open[0].n >= IMPORT_LIMITS.openUploads)
    throw new AppError("conflict", `This project already has ${open[0].n} unfinished uploads; finish or start them first`);
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const { rows } = await pool.query<ImportRow>(
    "INSERT INTO imports (project_id, format, file_name, size_bytes, created_by_id, dataset_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *",
    [ctx.project.id, input.format, input.fileName, input.sizeBytes, userId, target.datasetId],
  );
  return toView(rows[0]);
}

/**
 * Appends piece `seq` of the file. Pieces arrive in order; sending a piece again (a retry
 * after a lost answer) is accepted and changes nothing.
 */
export async function uploadChunk(
  { sql: pool }: Database,
  ctx: ProjectContext,
  importId: string,
  seq: number,
  data: Buffer,
  target = TRACES,
): Promise<TImportView> {
  assertTarget(ctx, target);
  return transaction(pool, async (client) => {
    const row = await findImport(client, ctx.project.id, importId, target.datasetId, true);
    if (!row) throw notFound("Import");
    // A piece sent again (a retry after a lost answer) changes nothing.
    if (seq < row.chunk_count) return toView(row);
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
    return toView(rows[0]);
  });
}

/** The first rows as the import will read them, and for CSV a mapping guessed from the header. */
export async function previewImport({ sql: pool }: Database, ctx: ProjectContext, importId: string, target = TRACES): Promise<TImportPreview> {
  assertTarget(ctx, target);
  const row = await ownImport(pool, ctx, importId, target);
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
  // Dataset files name their columns themselves: there is no mapping to guess.
  return { format: "CSV", header, rows, guess: target.datasetId ? null : guessMapping(header) };
}

/** Ends the upload and queues the import. CSV needs a mapping with at least one mapped column. */
export async function startImport({ sql: pool }: Database, ctx: ProjectContext, importId: string, input: TImportStart, target = TRACES): Promise<TImportView> {
  assertTarget(ctx, target);
  const row = await ownImport(pool, ctx, importId, target);
  if (row.status !== "UPLOADING") throw new AppError("conflict", "This import has already started");
  if (Number(row.uploaded_bytes) !== Number(row.size_bytes))
    throw new AppError("conflict", `Only ${row.uploaded_bytes} of ${row.size_bytes} bytes have arrived`);
  const mapping = row.format === "CSV" && !target.datasetId ? Object.fromEntries(Object.entries(input.mapping ?? {}).filter(([, f]) => f !== "")) : null;
  if (mapping && Object.keys(mapping).length === 0)
    throw new AppError("validation_failed", "Map at least one column to a trace field", [{ path: "mapping", message: "Map at least one column" }]);
  const { rows } = await pool.query<ImportRow>(
    `UPDATE imports SET status = 'QUEUED', mapping = $3, tag_separator = $4, duplicates = $5, updated_at = now()
      WHERE project_id = $1 AND id = $2 AND status = 'UPLOADING' RETURNING *`,
    [ctx.project.id, importId, mapping ? JSON.stringify(mapping) : null, input.tagSeparator ?? null, target.datasetId ? (input.duplicates ?? "skip") : null],
  );
  if (!rows[0]) throw new AppError("conflict", "This import has already started");
  await sendJob(RUN_IMPORT, { projectId: ctx.project.id, importId }, { singletonKey: importId });
  return toView(rows[0]);
}

export async function listProjectImports({ prisma, sql: pool }: Database, ctx: ProjectContext, target = TRACES): Promise<TImportView[]> {
  assertTarget(ctx, target);
  if (target.datasetId) await findDatasetHead(prisma, ctx.project.id, target.datasetId);
  return listImports(pool, ctx.project.id, target.datasetId);
}

export async function getImport({ sql: pool }: Database, ctx: ProjectContext, importId: string, target = TRACES): Promise<TImportDetail> {
  assertTarget(ctx, target);
  return importDetail(pool, await ownImport(pool, ctx, importId, target));
}
