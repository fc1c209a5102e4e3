import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { parse } from "csv-parse";
import { csvRecordToItem, guessMapping, jsonlLineToItem, parseMapArgument, withDefaultId } from "@/lib/imports/rows.mjs";
import { Fatal, apiKey, progress } from "./common";

// `assay import traces FILE`: rows go to POST /api/v1/traces in batches, so they meet exactly
// the validation and merge rules of the API.

export interface ImportFlags {
  url: string;
  format?: string;
  map?: string;
  tagSeparator: string;
  batch: string;
  resumeFrom: string;
  idPrefix?: string;
}

type Row = { line: number; item: unknown; error?: undefined } | { line: number; item?: undefined; error: { code: string; message: string } };
interface ItemResult {
  index: number;
  status: string;
  code?: string;
  message?: string;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const MAX_BODY = 8 * 1024 * 1024;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function post(url: string, key: string, items: unknown[]): Promise<ItemResult[]> {
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ traces: items }),
      });
    } catch (error) {
      const e = error as Error & { cause?: Error };
      if (attempt >= 6) throw new Fatal(`cannot reach ${url}: ${e.cause?.message ?? e.message}`);
      await sleep(500 * 2 ** attempt);
      continue;
    }
    if (response.status === 207 || response.ok) return (await response.json()).results;
    if (RETRYABLE.has(response.status) && attempt < 6) {
      const after = Number(response.headers.get("retry-after"));
      await response.body?.cancel();
      await sleep(after > 0 ? Math.min(after, 60) * 1000 : 500 * 2 ** attempt);
      continue;
    }
    const problem = await response.json().catch(() => ({}));
    throw new Fatal(`the server answered ${response.status}: ${problem.detail ?? problem.title ?? response.statusText}`);
  }
}

async function defaultPrefix(file: string, size: number): Promise<string> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(Math.min(size, 1024 * 1024));
    await handle.read(head, 0, head.length, 0);
    return `file-${createHash("sha256").update(head).update(String(size)).digest("hex").slice(0, 16)}`;
  } finally {
    await handle.close();
  }
}

/** Each row at or after `from`, as an item or as the reason it cannot be one. */
async function* rows(file: string, format: string, flags: ImportFlags, from: number, prefix: string): AsyncGenerator<Row> {
  const stream = createReadStream(file);
  if (format === "jsonl") {
    let line = 0;
    for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
      line++;
      if (line < from || text.trim() === "") continue;
      const parsed = jsonlLineToItem(line === 1 ? text.replace(/^\ufeff/, "") : text);
      yield parsed.error !== undefined
        ? { line, error: { code: "invalid_json", message: parsed.error } }
        : { line, item: withDefaultId(parsed.item, prefix, line) };
    }
    return;
  }
  let header: string[] | null = null;
  let mapping = flags.map ? parseMapArgument(flags.map) : null;
  let line = 0;
  for await (const record of stream.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true })) as AsyncIterable<string[]>) {
    line++;
    if (!header) {
      header = record;
      mapping ??= guessMapping(header);
      const unknown = Object.keys(mapping).filter((c) => !header!.includes(c));
      if (unknown.length) throw new Fatal(`--map names columns the file does not have: ${unknown.join(", ")}`);
      if (!Object.keys(mapping).length) throw new Fatal("no column could be matched to a trace field; say which with --map col=field,…");
      console.error(
        `columns: ${Object.entries(mapping)
          .map(([c, f]) => `${c}→${f}`)
          .join(", ")}`,
      );
      continue;
    }
    if (line < from) continue;
    yield { line, item: withDefaultId(csvRecordToItem(header, record, mapping!, flags.tagSeparator), prefix, line) };
  }
}

/** Exit status: 0 every row accepted, 1 some rejected; a stop throws (status 2). */
export async function importTraces(file: string, flags: ImportFlags): Promise<number> {
  const key = apiKey();
  const format = (flags.format ?? (path.extname(file).toLowerCase() === ".csv" ? "csv" : "jsonl")).toLowerCase();
  if (!["jsonl", "csv"].includes(format)) throw new Fatal("--format is jsonl or csv");
  const batchSize = Math.min(Number(flags.batch), 1000);
  const from = Number(flags.resumeFrom);
  if (!Number.isInteger(batchSize) || batchSize < 1 || !Number.isInteger(from) || from < 1)
    throw new Fatal("--batch and --resume-from take positive whole numbers");
  const size = (await stat(file)).size;
  const prefix = flags.idPrefix ?? (await defaultPrefix(file, size));
  const endpoint = new URL("/api/v1/traces", flags.url).toString();
  const counts = { accepted: 0, rejected: 0, lines: 0 };
  let batch: { line: number; item: unknown }[] = [];
  let bytes = 0;

  const reject = (line: number, code: string | undefined, message: string | undefined) => {
    counts.rejected++;
    console.log(`line ${line}: ${code}: ${message}`);
  };
  const flush = async () => {
    if (!batch.length) return;
    let results: ItemResult[];
    try {
      results = await post(
        endpoint,
        key,
        batch.map((b) => b.item),
      );
    } catch (error) {
      if (error instanceof Fatal) error.message += `\nresume with --resume-from ${batch[0].line}`;
      throw error;
    }
    for (const r of results) {
      if (r.status === "accepted") counts.accepted++;
      else reject(batch[r.index].line, r.code, r.message);
    }
    counts.lines = batch[batch.length - 1].line;
    batch = [];
    bytes = 0;
    progress(`line ${counts.lines} · ${counts.accepted} accepted · ${counts.rejected} rejected`);
  };

  for await (const row of rows(file, format, flags, from, prefix)) {
    if (row.error) {
      reject(row.line, row.error.code, row.error.message);
      continue;
    }
    const rowBytes = Buffer.byteLength(JSON.stringify(row.item));
    if (rowBytes > MAX_BODY) {
      reject(row.line, "payload_too_large", `the row is ${rowBytes} bytes; a request may carry at most ${MAX_BODY}`);
      continue;
    }
    if (bytes + rowBytes > MAX_BODY) await flush();
    batch.push(row);
    bytes += rowBytes;
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  progress.end();
  console.error(`done: ${counts.accepted} accepted, ${counts.rejected} rejected`);
  return counts.rejected ? 1 : 0;
}
