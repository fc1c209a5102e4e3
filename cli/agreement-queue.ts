import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { AgreementInputError, type QueueLabel, agreementByCriterion } from "../lib/agreement";
import { AppError } from "../lib/errors";
import { parseRubricFile } from "../lib/rubrics/format";
import { type AgreementFlags, intervalOptions, rounded } from "./agreement";
import { Fatal, apiKey } from "./common";

// `assay agreement --queue ID`: a queue's labels, downloaded through the labels export
// (GET /api/v1/annotations/export, JSONL), and the agreement figures of each criterion of
// its rubric, computed locally by the same module as `assay agreement FILE.csv`. The API
// answers labels but not a rubric version's criteria, so the rubric comes as the file the app
// exports (its Export button), checked against the version the labels name.

export interface QueueAgreementFlags extends AgreementFlags {
  queue: string;
  url?: string;
  rubric?: string;
}

async function readRubric(file: string) {
  const text = await readFile(file, "utf8");
  try {
    return parseRubricFile(text, /\.json$/i.test(file) ? "json" : "yaml");
  } catch (error) {
    if (error instanceof AppError) throw new Fatal(`${file}: ${error.message}`);
    throw error;
  }
}

/** Every label of the queue, every revision, as the export streams them. */
async function downloadLabels(url: string, key: string, queue: string): Promise<(QueueLabel & { rubricVersion: number | null })[]> {
  const address = new URL(`/api/v1/annotations/export?${new URLSearchParams({ queue, format: "jsonl" })}`, url).toString();
  let response: Response;
  try {
    response = await fetch(address, { headers: { authorization: `Bearer ${key}` } });
  } catch (error) {
    const e = error as Error & { cause?: Error };
    throw new Fatal(`cannot reach ${url}: ${e.cause?.message ?? e.message}`);
  }
  if (!response.ok || !response.body) {
    const problem = await response.json().catch(() => ({}));
    throw new Fatal(`the server answered ${response.status}: ${problem.detail ?? problem.title ?? response.statusText}`);
  }
  const labels = [];
  let line = 0;
  for await (const text of createInterface({ input: Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), crlfDelay: Infinity })) {
    line++;
    if (text.trim() === "") continue;
    try {
      labels.push(JSON.parse(text));
    } catch {
      throw new Fatal(`line ${line} of the labels export is not JSON`);
    }
  }
  return labels;
}

export async function queueAgreement(flags: QueueAgreementFlags): Promise<number> {
  if (flags.level !== undefined || flags.scale !== undefined) throw new Fatal("with --queue the level and scale of each criterion come from the rubric: drop --level and --scale");
  if (!flags.url) throw new Fatal("--queue needs --url, Assay's address");
  if (!flags.rubric) throw new Fatal("--queue needs --rubric, the queue's rubric version as exported by Assay (YAML or JSON)");
  const interval = intervalOptions(flags);
  const { header, content } = await readRubric(flags.rubric);
  const key = apiKey();
  const labels = await downloadLabels(flags.url, key, flags.queue);
  const versions = [...new Set(labels.map((l) => l.rubricVersion))];
  const mismatch = versions.find((v) => v !== header.version);
  if (mismatch !== undefined) {
    throw new Fatal(`the queue's labels are on version ${mismatch} of their rubric, the file is ${header.version ? `version ${header.version}` : "a draft"}: export version ${mismatch} (?version=${mismatch})`);
  }
  try {
    for (const figures of agreementByCriterion(labels, content.criteria, interval)) console.log(JSON.stringify(figures, rounded));
  } catch (error) {
    if (error instanceof AgreementInputError) throw new Fatal(error.message);
    throw error;
  }
  return 0;
}
