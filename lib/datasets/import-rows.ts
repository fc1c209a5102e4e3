import { createHash } from "node:crypto";
import type { TLineage } from "./content";
import type { TItemCandidate } from "./items";
import { ZLineage } from "@/lib/exports/datasets/assay-jsonl";

// Rows of a dataset import file as items to add. JSONL is Assay's own export, one item a line
// with its portable id and lineage, so a version exported and imported elsewhere keeps its
// checksum. CSV has a header naming its columns: input (required), expected_output, splits,
// tags, metadata, and optionally portable_id, exact, preferred_output and rejected_output
// (case, `_`, `-` and spaces do not count, so the export's own CSV header reads too). Pure.

export type TRowOutcome = { candidate: TItemCandidate } | { error: { code: string; message: string } };

/**
 * A portable id for a row that has none, fixed by the import and the line: running the same
 * rows again (a job resumed after a crash) finds its own items instead of adding them twice.
 */
export function rowPortableId(importId: string, line: number): string {
  const hex = createHash("sha256").update(`${importId}:${line}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function jsonlRow(text: string, importId: string, line: number): TRowOutcome {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: { code: "invalid_json", message: error instanceof Error ? error.message : String(error) } };
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return { error: { code: "validation_failed", message: "A line holds one JSON object" } };
  const { lineage, ...raw } = value as Record<string, unknown>;
  let kept: TLineage | null | undefined;
  if (lineage !== undefined) {
    const parsed = ZLineage.nullable().safeParse(lineage);
    if (!parsed.success)
      return { error: { code: "validation_failed", message: parsed.error.issues.map((i) => `lineage.${i.path.join(".")}: ${i.message}`).join("; ") } };
    kept = parsed.data as TLineage | null;
  }
  return { candidate: { raw: { portableId: rowPortableId(importId, line), ...raw }, lineage: kept } };
}

const COLUMNS = ["input", "expectedoutput", "splits", "tags", "metadata", "portableid", "exact", "preferredoutput", "rejectedoutput"] as const;
type TColumn = (typeof COLUMNS)[number];
const columnName = (header: string) => header.toLowerCase().replace(/[\s_-]+/g, "");

/** Which cell holds which field; throws when the header has no input column. */
export function csvColumns(header: string[]): Partial<Record<TColumn, number>> {
  const at: Partial<Record<TColumn, number>> = {};
  header.forEach((name, index) => {
    const column = columnName(name) as TColumn;
    if ((COLUMNS as readonly string[]).includes(column) && at[column] === undefined) at[column] = index;
  });
  if (at.input === undefined) throw new Error(`The header names no input column (columns: ${COLUMNS.join(", ")})`);
  return at;
}

/** The export's guard against spreadsheet formulas, undone: `'=x` was `=x`. */
const unguarded = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/** Text, or the JSON a cell holds when it is an object or a list. */
function valueOf(cell: string): unknown {
  const trimmed = cell.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return cell;
    }
  }
  return cell;
}

/** A list cell: a JSON array, or names separated by `separator`. */
function listOf(cell: string, separator: string): unknown {
  const trimmed = cell.trim();
  if (trimmed.startsWith("[")) return valueOf(trimmed);
  return trimmed
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function csvRow(columns: Partial<Record<TColumn, number>>, record: string[], importId: string, line: number, separator: string): TRowOutcome {
  const cell = (column: TColumn) => (columns[column] === undefined ? "" : unguarded(record[columns[column]] ?? ""));
  if (cell("input").trim() === "") return { error: { code: "validation_failed", message: "input: the cell is empty" } };
  let metadata: unknown = {};
  if (cell("metadata").trim()) {
    metadata = valueOf(cell("metadata"));
    if (!metadata || typeof metadata !== "object" || Array.isArray(metadata))
      return { error: { code: "validation_failed", message: "metadata: give a JSON object" } };
  }
  const exact = cell("exact").trim().toLowerCase();
  if (exact && exact !== "true" && exact !== "false") return { error: { code: "validation_failed", message: "exact: give true or false" } };
  const preferred = cell("preferredoutput");
  const rejected = cell("rejectedoutput");
  return {
    candidate: {
      raw: {
        portableId: cell("portableid").trim() || rowPortableId(importId, line),
        input: valueOf(cell("input")),
        expectedOutput: cell("expectedoutput") === "" ? null : valueOf(cell("expectedoutput")),
        preference: preferred !== "" || rejected !== "" ? { preferred: valueOf(preferred), rejected: valueOf(rejected) } : null,
        metadata,
        splits: listOf(cell("splits"), separator),
        tags: listOf(cell("tags"), separator),
        exact: exact === "true",
      },
    },
  };
}
