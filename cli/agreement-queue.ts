import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { AgreementInputError, type QueueLabel, agreementByCriterion } from "@/lib/agreement";
import { AppError } from "@/lib/errors";
import { parseRubricFile } from "@/lib/rubrics/format";
import { type AgreementFlags, intervalOptions, rounded } from "./agreement";
import { Fatal, apiKey } from "./common";
import { apiGet as get } from "./http";

// `assay agreement --queue ID`: a queue's labels, downloaded through the labels export
// (GET /api/v1/annotations/export, JSONL), and the agreement figures of each criterion of
// its rubric, computed locally by the same module as `assay agreement FILE.csv`. The rubric
// version comes with the queue (GET /api/v1/queues/{id}), or from a rubric file the app
// exported (`--rubric`), checked against the version the labels name.

export interface QueueAgreementFlags extends AgreementFlags {
  queue: string;
  url?: string;
  rubric?: string;
}

function parseRubric(text: string, format: "json" | "yaml", where: string) {
  try {
    return parseRubricFile(text, format);
  } catch (error) {
    if (error instanceof AppError) throw new Fatal(`${where}: ${error.message}`);
    throw error;
  }
}

async function readRubric(file: string) {
  return parseRubric(await readFile(file, "utf8"), /\.json$/i.test(file) ? "json" : "yaml", file);
}

/** The queue's rubric version, as the server sends it with the queue. */
async function fetchRubric(url: string, key: string, queue: string) {
  const answer = await (await get(url, key, `/api/v1/queues/${encodeURIComponent(queue)}`)).json();
  return parseRubric(JSON.stringify(answer.rubric), "json", "the queue's rubric");
}

/** Every label of the queue, every revision, as the export streams them. */
async function downloadLabels(url: string, key: string, queue: string): Promise<(QueueLabel & { rubricVersion: number | null })[]> {
  const response = await get(url, key, `/api/v1/annotations/export?${new URLSearchParams({ queue, format: "jsonl" })}`);
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
  if (flags.level !== undefined || flags.scale !== undefined)
    throw new Fatal("with --queue the level and scale of each criterion come from the rubric: drop --level and --scale");
  if (!flags.url) throw new Fatal("--queue needs --url, Assay's address");
  const interval = intervalOptions(flags);
  const fromFile = flags.rubric ? await readRubric(flags.rubric) : null;
  const key = apiKey();
  const { header, content } = fromFile ?? (await fetchRubric(flags.url, key, flags.queue));
  const labels = await downloadLabels(flags.url, key, flags.queue);
  const versions = [...new Set(labels.map((l) => l.rubricVersion))];
  const mismatch = versions.find((v) => v !== header.version);
  if (mismatch !== undefined) {
    throw new Fatal(
      `the queue's labels are on version ${mismatch} of their rubric, the file is ${header.version ? `version ${header.version}` : "a draft"}: export version ${mismatch} (?version=${mismatch})`,
    );
  }
  try {
    for (const figures of agreementByCriterion(labels, content.criteria, interval)) console.log(JSON.stringify(figures, rounded));
  } catch (error) {
    if (error instanceof AgreementInputError) throw new Fatal(error.message);
    throw error;
  }
  return 0;
}
