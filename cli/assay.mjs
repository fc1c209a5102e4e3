#!/usr/bin/env node
// The `assay` command. Plain Node (no build step), using only the package's own dependencies.
//
//   assay import traces FILE --url http://host [--format jsonl|csv] [--map col=field,…]
//                            [--tag-separator "|"] [--batch 500] [--resume-from LINE] [--id-prefix P]
//
// The API key comes from ASSAY_API_KEY; the project is the key's. Rows go to
// POST /api/v1/traces in batches, so they meet exactly the validation and merge rules of the API.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { parse } from "csv-parse";
import { csvRecordToItem, guessMapping, jsonlLineToItem, parseMapArgument, withDefaultId } from "../lib/imports/rows.mjs";

const USAGE = `Usage: assay import traces FILE --url http://host [options]

  --url URL              Assay's address (required)
  --format jsonl|csv     default: from the file name (.csv is CSV, anything else JSONL)
  --map col=field,…      CSV columns to trace fields (id, name, input, output, tags, sessionId,
                         userId, release, promptVersion, startTime, endTime, metadata.<key>);
                         without it the header names are guessed
  --tag-separator S      splits a CSV tags cell (default ",")
  --batch N              traces per request (default 500, at most 1000)
  --resume-from LINE     skip lines (JSONL) or rows (CSV, the header is row 1) before LINE
  --id-prefix P          rows without an id get "P:<line>" (default: derived from the file's
                         content), so importing a file twice merges instead of duplicating

The API key is read from ASSAY_API_KEY. Exit status: 0 all rows accepted, 1 some rejected,
2 the import stopped (the message says which line to resume from).`;

const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const MAX_BODY = 8 * 1024 * 1024;

class Fatal extends Error {}

function options(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: "string" },
      format: { type: "string" },
      map: { type: "string" },
      "tag-separator": { type: "string" },
      batch: { type: "string" },
      "resume-from": { type: "string" },
      "id-prefix": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  return { values, positionals };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function post(url, key, items) {
  for (let attempt = 0; ; attempt++) {
    let response;
    try {
      response = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify({ traces: items }) });
    } catch (error) {
      if (attempt >= 6) throw new Fatal(`cannot reach ${url}: ${error.cause?.message ?? error.message}`);
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

async function defaultPrefix(file, size) {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(Math.min(size, 1024 * 1024));
    await handle.read(head, 0, head.length, 0);
    return `file-${createHash("sha256").update(head).update(String(size)).digest("hex").slice(0, 16)}`;
  } finally {
    await handle.close();
  }
}

/** Yields { line, item } or { line, error } for each row at or after `from`. */
async function* rows(file, format, flags, from, prefix) {
  const stream = createReadStream(file);
  if (format === "jsonl") {
    let line = 0;
    for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
      line++;
      if (line < from || text.trim() === "") continue;
      const parsed = jsonlLineToItem(line === 1 ? text.replace(/^\ufeff/, "") : text);
      yield parsed.error ? { line, error: { code: "invalid_json", message: parsed.error } } : { line, item: withDefaultId(parsed.item, prefix, line) };
    }
    return;
  }
  let header = null;
  let mapping = flags.map ? parseMapArgument(flags.map) : null;
  let line = 0;
  for await (const record of stream.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }))) {
    line++;
    if (!header) {
      header = record;
      mapping ??= guessMapping(header);
      const unknown = Object.keys(mapping).filter((c) => !header.includes(c));
      if (unknown.length) throw new Fatal(`--map names columns the file does not have: ${unknown.join(", ")}`);
      if (!Object.keys(mapping).length) throw new Fatal("no column could be matched to a trace field; say which with --map col=field,…");
      console.error(`columns: ${Object.entries(mapping).map(([c, f]) => `${c}→${f}`).join(", ")}`);
      continue;
    }
    if (line < from) continue;
    yield { line, item: withDefaultId(csvRecordToItem(header, record, mapping, flags["tag-separator"] ?? ","), prefix, line) };
  }
}

async function importTraces(file, flags) {
  if (!flags.url) throw new Fatal("--url is required");
  const key = process.env.ASSAY_API_KEY;
  if (!key) throw new Fatal("set ASSAY_API_KEY to an API key of the project to import into");
  const format = (flags.format ?? (path.extname(file).toLowerCase() === ".csv" ? "csv" : "jsonl")).toLowerCase();
  if (!["jsonl", "csv"].includes(format)) throw new Fatal("--format is jsonl or csv");
  const batchSize = Math.min(Number(flags.batch ?? 500), 1000);
  const from = Number(flags["resume-from"] ?? 1);
  if (!Number.isInteger(batchSize) || batchSize < 1 || !Number.isInteger(from) || from < 1) throw new Fatal("--batch and --resume-from take positive whole numbers");
  const size = (await stat(file)).size;
  const prefix = flags["id-prefix"] ?? (await defaultPrefix(file, size));
  const endpoint = new URL("/api/v1/traces", flags.url).toString();
  const counts = { accepted: 0, rejected: 0, lines: 0 };
  let batch = [];
  let bytes = 0;

  const reject = (line, code, message) => {
    counts.rejected++;
    console.log(`line ${line}: ${code}: ${message}`);
  };
  const flush = async () => {
    if (!batch.length) return;
    let results;
    try {
      results = await post(endpoint, key, batch.map((b) => b.item));
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
    process.stderr.write(`${process.stderr.isTTY ? "\r" : ""}line ${counts.lines} · ${counts.accepted} accepted · ${counts.rejected} rejected${process.stderr.isTTY ? "" : "\n"}`);
  };

  for await (const row of rows(file, format, flags, from, prefix)) {
    if (row.error) {
      reject(row.line, row.error.code, row.error.message);
      continue;
    }
    const size = Buffer.byteLength(JSON.stringify(row.item));
    if (size > MAX_BODY) {
      reject(row.line, "payload_too_large", `the row is ${size} bytes; a request may carry at most ${MAX_BODY}`);
      continue;
    }
    if (bytes + size > MAX_BODY) await flush();
    batch.push(row);
    bytes += size;
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  if (process.stderr.isTTY) process.stderr.write("\n");
  console.error(`done: ${counts.accepted} accepted, ${counts.rejected} rejected`);
  return counts.rejected ? 1 : 0;
}

async function main(argv) {
  const { values, positionals } = options(argv);
  if (values.help || positionals[0] !== "import" || positionals[1] !== "traces" || !positionals[2]) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  return importTraces(positionals[2], values);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`assay: ${error instanceof Fatal || error.code === "ENOENT" ? error.message : error.stack}`);
    process.exit(2);
  },
);
