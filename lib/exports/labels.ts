import { stringify } from "csv-stringify/sync";
import { neutralizeCell } from "./csv-cell";
import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import type { Database } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { type Annotation, allAnnotations } from "@/lib/queues/annotations";
import type { TExportQuery } from "@/lib/queues/schemas";

// The labels export: a queue's labels as CSV or JSONL, streamed page by page from the
// database. The encoders are pure (rows in, text out); golden datasets will add their own
// rows beside these.

export const CSV_COLUMNS = [
  "id",
  "queueItemId",
  "traceId",
  "traceBId",
  "name",
  "criterionId",
  "dataType",
  "value",
  "raterUserId",
  "raterEmail",
  "raterName",
  "rubricVersionId",
  "rubricVersion",
  "leftSide",
  "claimedAt",
  "submittedAt",
  "createdAt",
  "revision",
  "isCurrent",
  "supersedesId",
] as const;

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * CSV rows; the header with the first page. Cells that a spreadsheet would run as a formula
 * (starting with = + - @, tab or CR) are prefixed with a quote, so a label cannot become code.
 */
export function toCsv(rows: Annotation[], header: boolean): string {
  const records = rows.map((r) => CSV_COLUMNS.map((c) => neutralizeCell(r[c], cell(r[c]))));
  return stringify(records, { header, columns: header ? [...CSV_COLUMNS] : undefined });
}

export function toJsonl(rows: Annotation[]): string {
  return rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");
}

/** The labels of a queue as a streamed CSV or JSONL download, page by page from the database. */
export async function labelsDownload(db: Database, ctx: ProjectContext, query: TExportQuery): Promise<Response> {
  assertCan(ctx, "queues:read");
  assertCan(ctx, "exports:run");
  const found = await db.sql.query(`SELECT name FROM queues WHERE project_id = $1 AND id = $2`, [ctx.project.id, query.queue]);
  if (!found.rows[0]) throw notFound("Queue");
  const pages = allAnnotations(db, ctx, query.queue, query.current === "true");
  const encoder = new TextEncoder();
  let first = true;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await pages.next();
      if (next.done) {
        if (first && query.format === "csv") controller.enqueue(encoder.encode(toCsv([], true)));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(query.format === "csv" ? toCsv(next.value, first) : toJsonl(next.value)));
      first = false;
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
  const type = query.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson";
  // The file name is made of the queue's id only: nothing a user typed reaches the header.
  return new Response(body, {
    headers: { "content-type": type, "content-disposition": `attachment; filename="labels-${query.queue}.${query.format}"`, "cache-control": "no-store" },
  });
}
