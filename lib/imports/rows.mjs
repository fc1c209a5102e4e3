// Turning file rows into trace items in the shape of `POST /api/v1/traces`. Plain JavaScript
// because the `assay` command (cli/assay.mjs) runs it without a build step; the server's
// import worker uses the same functions, so a file means the same thing both ways.

/** Trace fields a CSV column can fill; `metadata.<key>` is also allowed. */
export const CSV_FIELDS = ["id", "name", "input", "output", "tags", "sessionId", "userId", "release", "promptVersion", "startTime", "endTime"];

const GUESSES = {
  id: ["id", "traceid", "externalid"],
  name: ["name", "tracename"],
  input: ["input", "prompt", "question", "query", "request"],
  output: ["output", "response", "answer", "completion"],
  tags: ["tags", "tag", "labels"],
  sessionId: ["sessionid", "session", "conversationid"],
  userId: ["userid", "user", "enduser", "enduserid"],
  release: ["release"],
  promptVersion: ["promptversion"],
  startTime: ["starttime", "start", "timestamp", "createdat", "time", "when", "date"],
  endTime: ["endtime", "end"],
};

// Column names come from files: "__proto__" must stay a plain key, never reach a prototype.
const own = (obj, key) => (Object.hasOwn(obj, key) ? obj[key] : undefined);
const put = (obj, key, value) => Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });

const squash = (s) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** True when `field` is something a column may be mapped to. */
export function isCsvField(field) {
  return CSV_FIELDS.includes(field) || /^metadata\.[^.\s][^\s]{0,199}$/.test(field);
}

/** A first guess from header names: known names map to their field, `metadata.x`/`meta.x` to metadata, the rest to nothing. */
export function guessMapping(header) {
  const mapping = {};
  const taken = new Set();
  for (const column of header) {
    if (Object.hasOwn(mapping, column)) continue;
    const meta = /^meta(?:data)?[._:](.+)$/i.exec(column.trim());
    if (meta) {
      put(mapping, column, `metadata.${meta[1]}`);
      continue;
    }
    const key = squash(column);
    const field = Object.keys(GUESSES).find((f) => GUESSES[f].includes(key) && !taken.has(f));
    if (field) {
      put(mapping, column, field);
      taken.add(field);
    }
  }
  return mapping;
}

/** Parses `col=field,col2=field2` (the CLI's `--map`). */
export function parseMapArgument(text) {
  const mapping = {};
  for (const part of text.split(",")) {
    if (!part.trim()) continue;
    const at = part.lastIndexOf("=");
    if (at <= 0) throw new Error(`--map expects column=field pairs; got "${part}"`);
    const field = part.slice(at + 1).trim();
    if (!isCsvField(field)) throw new Error(`Unknown field "${field}" in --map; use one of ${CSV_FIELDS.join(", ")} or metadata.<key>`);
    put(mapping, part.slice(0, at).trim(), field);
  }
  return mapping;
}

// Input and output cells that look like JSON objects or arrays are stored as JSON, so a
// column of chat messages arrives as messages; anything else (or JSON that does not parse)
// stays the text it was.
function content(cell) {
  const t = cell.trim();
  if ((t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]"))) {
    try {
      return JSON.parse(t);
    } catch {
      return cell;
    }
  }
  return cell;
}

function value(field, cell, tagSeparator) {
  if (field === "input" || field === "output") return content(cell);
  if (field === "tags")
    return cell
      .split(tagSeparator || ",")
      .map((t) => t.trim())
      .filter(Boolean);
  if (field === "startTime" || field === "endTime") return /^\d{1,16}$/.test(cell.trim()) ? Number(cell.trim()) : cell.trim();
  return cell;
}

/**
 * One CSV record to a trace item. Empty cells are left out, so they never overwrite what a
 * trace already holds. `header` is the file's first row; `mapping` is column name → field.
 */
export function csvRecordToItem(header, record, mapping, tagSeparator = ",") {
  const item = {};
  for (let i = 0; i < header.length; i++) {
    const field = own(mapping, header[i]);
    const cell = record[i];
    if (typeof field !== "string" || !isCsvField(field) || cell === undefined || cell === "") continue;
    if (field.startsWith("metadata.")) {
      item.metadata ??= {};
      put(item.metadata, field.slice("metadata.".length), cell);
    } else {
      item[field] = value(field, cell, tagSeparator);
    }
  }
  return item;
}

/** A JSONL line to an item, or an error message. Blank lines are skipped by the caller. */
export function jsonlLineToItem(text) {
  try {
    return { item: JSON.parse(text) };
  } catch (error) {
    return { error: `Line is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Rows without an id get `<prefix>:<line>`, so sending a row again merges instead of duplicating. */
export function withDefaultId(item, prefix, line) {
  if (item && typeof item === "object" && !Array.isArray(item) && (item.id === undefined || item.id === null || item.id === "")) {
    return { ...item, id: `${prefix}:${line}` };
  }
  return item;
}
