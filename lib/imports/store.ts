import type pg from "pg";
import type { TImportDetail, TImportErrorRow, TImportView } from "./schemas";

// SQL for imports. Every statement names the project.

export interface ImportRow {
  project_id: string;
  id: string;
  format: "JSONL" | "CSV";
  status: TImportView["status"];
  file_name: string;
  size_bytes: string;
  uploaded_bytes: string;
  chunk_count: number;
  mapping: Record<string, string> | null;
  header: string[] | null;
  tag_separator: string | null;
  accepted: number;
  rejected: number;
  line_no: number;
  byte_offset: string;
  lease_token: string | null;
  error: string | null;
  created_by_id: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  /** Set when the file holds items for this dataset. */
  dataset_id: string | null;
  duplicates: "skip" | "keep" | null;
}

export function toView(row: ImportRow): TImportView {
  return {
    id: row.id,
    format: row.format,
    status: row.status,
    fileName: row.file_name,
    sizeBytes: Number(row.size_bytes),
    uploadedBytes: Number(row.uploaded_bytes),
    chunkCount: row.chunk_count,
    processedBytes: Number(row.byte_offset),
    rows: row.line_no,
    accepted: row.accepted,
    rejected: row.rejected,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

/** An import of traces (`datasetId` null) or of one dataset's items: each is found only as what it is. */
export async function findImport(
  db: pg.ClientBase | pg.Pool,
  projectId: string,
  importId: string,
  datasetId: string | null,
  lock = false,
): Promise<ImportRow | null> {
  const { rows } = await db.query<ImportRow>(
    `SELECT * FROM imports WHERE project_id = $1 AND id = $2 AND dataset_id IS NOT DISTINCT FROM $3::uuid${lock ? " FOR UPDATE" : ""}`,
    [projectId, importId, datasetId],
  );
  return rows[0] ?? null;
}

export async function listImports(db: pg.Pool, projectId: string, datasetId: string | null, limit = 50): Promise<TImportView[]> {
  const { rows } = await db.query<ImportRow>(
    "SELECT * FROM imports WHERE project_id = $1 AND dataset_id IS NOT DISTINCT FROM $2::uuid ORDER BY created_at DESC, id DESC LIMIT $3",
    [projectId, datasetId, limit],
  );
  return rows.map(toView);
}

export async function importDetail(db: pg.Pool, row: ImportRow): Promise<TImportDetail> {
  const { rows } = await db.query<TImportErrorRow>("SELECT line, code, message FROM import_errors WHERE project_id = $1 AND import_id = $2 ORDER BY line", [
    row.project_id,
    row.id,
  ]);
  return { ...toView(row), mapping: row.mapping, errors: rows };
}

/** The uploaded bytes from `offset` on, one stored chunk at a time. */
export async function* readChunks(db: pg.Pool, projectId: string, importId: string, offset: number): AsyncGenerator<Buffer> {
  const { rows: chunks } = await db.query<{ seq: number; byte_offset: string }>(
    `SELECT seq, byte_offset FROM import_chunks WHERE project_id = $1 AND import_id = $2
        AND seq >= COALESCE((SELECT max(seq) FROM import_chunks WHERE project_id = $1 AND import_id = $2 AND byte_offset <= $3), 0)
      ORDER BY seq`,
    [projectId, importId, offset],
  );
  for (const chunk of chunks) {
    // Read as text (hex), which pg turns into a Buffer byte for byte. pg's binary results are
    // decoded as UTF-8 first, which mangles a character split across two chunks.
    const { rows } = await db.query<{ data: Buffer }>("SELECT data FROM import_chunks WHERE project_id = $1 AND import_id = $2 AND seq = $3", [
      projectId,
      importId,
      chunk.seq,
    ]);
    if (!rows[0]) return;
    const start = Number(chunk.byte_offset);
    const data = rows[0].data;
    if (start + data.length > offset) yield start < offset ? data.subarray(offset - start) : data;
  }
}

export interface Checkpoint {
  accepted: number;
  rejected: number;
  /** Lines or rows consumed so far, and the byte where the next begins. */
  lineNo: number;
  byteOffset: number;
  errors: TImportErrorRow[];
  header?: string[];
}

/**
 * Moves the checkpoint and records rejected rows in one transaction, only while this worker
 * holds the lease. False when the lease was lost (another worker took over).
 */
export async function saveCheckpoint(
  client: pg.ClientBase,
  row: Pick<ImportRow, "project_id" | "id">,
  token: string,
  leaseMs: number,
  cp: Checkpoint,
  errorsKept: number,
): Promise<boolean> {
  const updated = await client.query<{ rejected: number }>(
    `UPDATE imports SET accepted = accepted + $4, rejected = rejected + $5, line_no = $6, byte_offset = $7,
            header = COALESCE($8::jsonb, header), lease_until = now() + make_interval(secs => $9), updated_at = now()
      WHERE project_id = $1 AND id = $2 AND lease_token = $3 AND status = 'RUNNING'
      RETURNING rejected - $5 AS rejected`,
    [row.project_id, row.id, token, cp.accepted, cp.rejected, cp.lineNo, cp.byteOffset, cp.header ? JSON.stringify(cp.header) : null, leaseMs / 1000],
  );
  if (!updated.rows[0]) return false;
  const room = Math.max(0, errorsKept - updated.rows[0].rejected);
  const kept = cp.errors.slice(0, room);
  if (kept.length) {
    await client.query(
      `INSERT INTO import_errors (project_id, import_id, line, code, message)
       SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING`,
      [row.project_id, row.id, kept.map((e) => e.line), kept.map((e) => e.code), kept.map((e) => e.message.slice(0, 1000))],
    );
  }
  return true;
}
