import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Readable, Transform, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { diffMarkdown } from "@/lib/datasets/diff-markdown";
import type { TDatasetDiff } from "@/lib/datasets/schemas";
import { Fatal, apiKey, progress } from "./common";
import { apiGet, apiJson } from "./http";

// `assay dataset diff` and `assay export --dataset`: a golden dataset named as people name it,
// resolved to its id through the list of datasets, then the diff route (every page) or the
// export route (streamed to a file or stdout).

export interface ServerFlags {
  url: string;
  apiKey?: string;
}

export interface DiffFlags extends ServerFlags {
  format: "markdown" | "json";
}

export interface ExportFlags extends ServerFlags {
  dataset: string;
  version: string;
  split?: string;
  format: string;
  output?: string;
}

const PAGE = 1000;

async function datasetId(url: string, key: string, name: string): Promise<string> {
  const { datasets } = await apiJson<{ datasets: { id: string; name: string }[] }>(url, key, "/api/v1/datasets");
  const found = datasets.find((d) => d.name === name);
  if (!found) throw new Fatal(`the project has no dataset named "${name}"`);
  return found.id;
}

/** Every page of the diff, its lists joined. */
async function wholeDiff(url: string, key: string, id: string, from: string, to: string): Promise<TDatasetDiff> {
  let whole: TDatasetDiff | null = null;
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ from, to, limit: String(PAGE), ...(cursor ? { cursor } : {}) });
    const page: TDatasetDiff = await apiJson<TDatasetDiff>(url, key, `/api/v1/datasets/${id}/diff?${query}`);
    if (whole) for (const list of ["added", "removed", "changed"] as const) (whole[list] as unknown[]).push(...page[list]);
    else whole = page;
    cursor = page.nextCursor;
  } while (cursor);
  return { ...(whole as TDatasetDiff), nextCursor: null };
}

export async function datasetDiff(name: string, from: string, to: string, flags: DiffFlags): Promise<number> {
  const key = apiKey(flags.apiKey);
  const id = await datasetId(flags.url, key, name);
  const diff = await wholeDiff(flags.url, key, id, from, to);
  process.stdout.write(flags.format === "json" ? `${JSON.stringify(diff, null, 2)}\n` : diffMarkdown(diff, name));
  return 0;
}

const size = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

/** Counts what passes; on a terminal, says how much has come so far (a few times a second at most). */
function counter(label: string): Transform & { bytes: () => number } {
  const show = process.stderr.isTTY === true;
  let bytes = 0;
  let lines = 0;
  let shown = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) lines++;
      if (show && Date.now() - shown > 200) {
        shown = Date.now();
        progress(`${label}: ${size(bytes)}, ${lines} lines`);
      }
      done(null, chunk);
    },
    flush(done) {
      if (show) {
        progress(`${label}: ${size(bytes)}, ${lines} lines, done`);
        progress.end();
      }
      done();
    },
  });
  return Object.assign(stream, { bytes: () => bytes });
}

export async function exportDataset(flags: ExportFlags): Promise<number> {
  const key = apiKey(flags.apiKey);
  const id = await datasetId(flags.url, key, flags.dataset);
  const query = new URLSearchParams({ format: flags.format, ...(flags.split ? { split: flags.split } : {}) });
  const response = await apiGet(flags.url, key, `/api/v1/datasets/${id}/versions/${encodeURIComponent(flags.version)}/export?${query}`);
  const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream);
  const count = counter(`${flags.dataset} v${flags.version}`);
  // A file is written beside its name and renamed when complete: a failed download leaves none.
  const partial = flags.output ? `${flags.output}.part` : null;
  const sink: Writable = partial ? createWriteStream(partial) : process.stdout;
  try {
    await pipeline(body, count, sink, { end: partial !== null });
  } catch (error) {
    if (partial) await rm(partial, { force: true });
    throw new Fatal(`the download stopped after ${count.bytes()} bytes: ${(error as Error).message}`);
  }
  if (partial && flags.output) await rename(partial, flags.output);
  return 0;
}
