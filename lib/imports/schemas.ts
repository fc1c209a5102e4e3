import { z } from "zod";
import { isCsvField } from "./rows.mjs";

// File imports of traces: the shapes the upload, start and status routes accept and answer.

export const IMPORT_LIMITS = {
  /** Largest file one import may hold. */
  fileBytes: 2 * 1024 * 1024 * 1024,
  /** One uploaded piece; the browser sends 1 MiB, a little slack for other clients. */
  chunkBytes: 4 * 1024 * 1024,
  /** Items handed to the ingestion per batch (and per checkpoint). */
  batchItems: 500,
  /** Rejected rows kept for the report; the count goes on past it. */
  errorsKept: 1000,
  /** A JSONL line longer than this is rejected without being held in memory. */
  lineBytes: 12 * 1024 * 1024,
  /** Uploads not yet started, per project. */
  openUploads: 10,
  /** Rows shown before an import starts. */
  previewRows: 20,
} as const;

export const IMPORT_FORMATS = ["JSONL", "CSV"] as const;
export const IMPORT_STATUSES = ["UPLOADING", "QUEUED", "RUNNING", "DONE", "FAILED"] as const;
export type TImportStatus = (typeof IMPORT_STATUSES)[number];

export const ZImportCreate = z.object({
  format: z.enum(IMPORT_FORMATS),
  // For display only: the server never uses it as a path.
  fileName: z.string().trim().min(1).max(255),
  sizeBytes: z
    .number()
    .int()
    .min(1)
    .max(IMPORT_LIMITS.fileBytes, `A file may be at most ${IMPORT_LIMITS.fileBytes / 1024 ** 3} GiB`),
});
export type TImportCreate = z.infer<typeof ZImportCreate>;

export const ZChunkQuery = z.object({ seq: z.coerce.number().int().min(0).max(1_000_000) });

export const ZCsvMapping = z
  .record(z.string().max(500), z.string())
  .refine((m) => Object.values(m).every((f) => f === "" || isCsvField(f)), "Map each column to a trace field, metadata.<key>, or nothing")
  .refine((m) => Object.keys(m).length <= 500, "At most 500 columns");

export const ZImportStart = z.object({
  mapping: ZCsvMapping.optional(),
  tagSeparator: z.string().min(1).max(5).optional(),
  duplicates: z.enum(["skip", "keep"]).optional().describe("Dataset imports: skip (the default) or keep an item whose input matches an existing one"),
});
export type TImportStart = z.infer<typeof ZImportStart>;

export interface TImportView {
  id: string;
  format: (typeof IMPORT_FORMATS)[number];
  status: TImportStatus;
  fileName: string;
  sizeBytes: number;
  uploadedBytes: number;
  chunkCount: number;
  processedBytes: number;
  rows: number;
  accepted: number;
  rejected: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface TImportErrorRow {
  line: number;
  code: string;
  message: string;
}

export interface TImportDetail extends TImportView {
  mapping: Record<string, string> | null;
  errors: TImportErrorRow[];
}

export interface TImportPreview {
  format: (typeof IMPORT_FORMATS)[number];
  /** CSV: the header row; JSONL: null. */
  header: string[] | null;
  /** CSV: cells of the first rows; JSONL: the first lines as text. */
  rows: string[][];
  /** CSV: the mapping guessed from the header names. */
  guess: Record<string, string> | null;
}
