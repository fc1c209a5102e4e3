import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";

// The traces the ingestion benchmarks write: ~2 KB of chat input and output, metadata and
// tags, with 3 spans each. Also as CSV files for COPY, the raw limit they are compared with.

const words = "the a storage folder share link invoice billing plan upgrade sync device error quota account team admin".split(" ");
const sentence = (n: number, seed: number) => Array.from({ length: n }, (_, i) => words[(seed * 7 + i * 13) % words.length]).join(" ");

export function makeTrace(i: number, t0: number) {
  const start = t0 + i;
  return {
    id: `bench-${i}`,
    name: "support-answer",
    input: {
      messages: [
        { role: "system", content: sentence(30, i) },
        { role: "user", content: sentence(40, i + 1) },
      ],
    },
    output: { messages: [{ role: "assistant", content: sentence(70, i + 2) }] },
    metadata: { region: i % 2 ? "eu" : "us", plan: "pro", experiment: `exp-${i % 10}` },
    tags: ["bench", i % 3 ? "chat" : "search"],
    sessionId: `s-${i % 1000}`,
    userId: `u-${i % 5000}`,
    release: "1.4.2",
    startTime: start,
    endTime: start + 900,
    spans: [
      { id: "root", type: "CHAIN", name: "pipeline", startTime: start, endTime: start + 900 },
      {
        id: "retrieve",
        parentId: "root",
        type: "RETRIEVAL",
        name: "search-docs",
        input: sentence(10, i),
        output: [sentence(25, i + 3)],
        startTime: start + 10,
        endTime: start + 200,
      },
      {
        id: "llm",
        parentId: "root",
        type: "LLM",
        name: "chat",
        model: "gpt-4o",
        usage: { inputTokens: 420, outputTokens: 96 },
        startTime: start + 210,
        endTime: start + 890,
        attributes: { temperature: 0.2 },
      },
    ] as {
      id: string;
      parentId?: string;
      type: string;
      name: string;
      input?: unknown;
      output?: unknown;
      model?: string;
      usage?: { inputTokens: number; outputTokens: number };
      attributes?: unknown;
      startTime: number;
      endTime: number;
    }[],
  };
}

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
/** A jsonb column in CSV: the value's JSON, quoted. */
const csv = (v: unknown) => (v === null || v === undefined ? "" : quote(JSON.stringify(v)));
const pgArray = (a: string[]) => `{${a.map((s) => `"${s}"`).join(",")}}`;

export interface CopyFiles {
  traces: string;
  spans: string;
}

/** Traces `from` … `from + count - 1` as CSV files in `dir` (which the database server must be able to read). */
export async function writeCopyFiles(dir: string, projectId: string, from: number, count: number, t0: number): Promise<CopyFiles> {
  const traceLines: string[] = [];
  const spanLines: string[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  for (let i = from; i < from + count; i++) {
    const t = makeTrace(i, t0);
    const id = randomUUID();
    traceLines.push(
      [
        projectId,
        id,
        t.id,
        t.name,
        csv(t.input),
        csv(t.output),
        csv(t.metadata),
        quote(pgArray(t.tags)),
        t.sessionId,
        t.userId,
        t.release,
        iso(t.startTime),
        iso(t.endTime),
      ].join(","),
    );
    for (const s of t.spans) {
      spanLines.push(
        [
          projectId,
          id,
          s.id,
          s.parentId ?? "",
          s.type,
          s.name,
          csv(s.input),
          csv(s.output),
          s.model ?? "",
          s.usage?.inputTokens ?? "",
          s.usage?.outputTokens ?? "",
          csv(s.attributes ?? {}),
          iso(s.startTime),
          iso(s.endTime),
        ].join(","),
      );
    }
  }
  const files = { traces: path.join(dir, `traces-${from}.csv`), spans: path.join(dir, `spans-${from}.csv`) };
  await writeFile(files.traces, traceLines.join("\n"), { mode: 0o644 });
  await writeFile(files.spans, spanLines.join("\n"), { mode: 0o644 });
  return files;
}

export const copyTraces = (file: string) =>
  `COPY traces (project_id, id, external_id, name, input, output, metadata, tags, session_id, end_user_id, release, start_time, end_time) FROM '${file}' WITH (FORMAT csv)`;
export const copySpans = (file: string) =>
  `COPY spans (project_id, trace_id, span_id, parent_span_id, type, name, input, output, model, input_tokens, output_tokens, attributes, start_time, end_time) FROM '${file}' WITH (FORMAT csv)`;
