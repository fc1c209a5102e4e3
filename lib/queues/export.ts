import { stringify } from "csv-stringify/sync";
import type { Annotation } from "./annotations";

// Encoders for the labels download. Pure: rows in, text out.

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
  const records = rows.map((r) =>
    CSV_COLUMNS.map((c) => {
      const text = cell(r[c]);
      return typeof r[c] === "string" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    }),
  );
  return stringify(records, { header, columns: header ? [...CSV_COLUMNS] : undefined });
}

export function toJsonl(rows: Annotation[]): string {
  return rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");
}
