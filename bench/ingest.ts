import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { insertKey } from "../lib/apikeys/service";
import { newApiKey } from "../lib/auth/tokens";
import { closeDb, db } from "../lib/db/client";
import { freePort, startEmbeddedPostgres } from "../lib/db/embedded";
import { buildIfNeeded } from "../scripts/lib/build";
import { migrateDeploy } from "../scripts/lib/run";
import { serverEnv } from "../scripts/lib/server";

// `npm run bench:ingest [-- --scale 0.01]`: traces of ~2 KB with 3 spans each through
// POST /api/v1/traces (batches of 100, 4 concurrent clients) against the production build,
// then COPY of the same rows into the same tables in the same database, as the raw limit.

const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const scale = Number(arg("scale") ?? "1");
const TRACES = Math.max(400, Math.round(200_000 * scale));
const BATCH = 100;
const CLIENTS = 4;

const words = "the a storage folder share link invoice billing plan upgrade sync device error quota account team admin".split(" ");
const sentence = (n: number, seed: number) => Array.from({ length: n }, (_, i) => words[(seed * 7 + i * 13) % words.length]).join(" ");

function makeTrace(i: number, t0: number) {
  const start = t0 + i;
  return {
    id: `bench-${i}`,
    name: "support-answer",
    input: { messages: [{ role: "system", content: sentence(30, i) }, { role: "user", content: sentence(40, i + 1) }] },
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
      { id: "retrieve", parentId: "root", type: "RETRIEVAL", name: "search-docs", input: sentence(10, i), output: [sentence(25, i + 3)], startTime: start + 10, endTime: start + 200 },
      { id: "llm", parentId: "root", type: "LLM", name: "chat", model: "gpt-4o", usage: { inputTokens: 420, outputTokens: 96 }, startTime: start + 210, endTime: start + 890, attributes: { temperature: 0.2 } },
    ],
  };
}

async function waitForHealth(url: string, deadline = Date.now() + 60_000) {
  while (Date.now() < deadline) {
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not come up");
}

async function viaHttp(url: string, key: string, t0: number): Promise<number> {
  const batches: string[] = [];
  for (let b = 0; b < TRACES / BATCH; b++) batches.push(JSON.stringify({ traces: Array.from({ length: BATCH }, (_, j) => makeTrace(b * BATCH + j, t0)) }));
  let next = 0;
  let accepted = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < batches.length) {
        const body = batches[next++];
        const res = await fetch(`${url}/api/v1/traces`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body });
        const json = (await res.json()) as { accepted: number };
        if (res.status !== 207) throw new Error(`POST answered ${res.status}: ${JSON.stringify(json)}`);
        accepted += json.accepted;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (accepted !== TRACES) throw new Error(`accepted ${accepted} of ${TRACES}`);
  return seconds;
}

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
/** A jsonb column in CSV: the value's JSON, quoted. */
const csv = (v: unknown) => (v === null || v === undefined ? "" : quote(JSON.stringify(v)));
const pgArray = (a: string[]) => `{${a.map((s) => `"${s}"`).join(",")}}`;

async function viaCopy(client: pg.Client, projectId: string, dir: string, t0: number): Promise<number> {
  const traceLines: string[] = [];
  const spanLines: string[] = [];
  for (let i = 0; i < TRACES; i++) {
    const t = makeTrace(i, t0);
    const id = randomUUID();
    const iso = (ms: number) => new Date(ms).toISOString();
    traceLines.push([projectId, id, t.id, t.name, csv(t.input), csv(t.output), csv(t.metadata), quote(pgArray(t.tags)), t.sessionId, t.userId, t.release, iso(t.startTime), iso(t.endTime)].join(","));
    for (const s of t.spans) {
      spanLines.push([projectId, id, s.id, s.parentId ?? "", s.type, s.name, csv(s.input), csv(s.output), s.model ?? "", s.usage?.inputTokens ?? "", s.usage?.outputTokens ?? "", csv(s.attributes ?? {}), iso(s.startTime), iso(s.endTime)].join(","));
    }
  }
  const traceFile = path.join(dir, "traces.csv");
  const spanFile = path.join(dir, "spans.csv");
  await writeFile(traceFile, traceLines.join("\n"), { mode: 0o644 });
  await writeFile(spanFile, spanLines.join("\n"), { mode: 0o644 });
  const started = performance.now();
  await client.query(`COPY traces (project_id, id, external_id, name, input, output, metadata, tags, session_id, end_user_id, release, start_time, end_time) FROM '${traceFile}' WITH (FORMAT csv)`);
  await client.query(`COPY spans (project_id, trace_id, span_id, parent_span_id, type, name, input, output, model, input_tokens, output_tokens, attributes, start_time, end_time) FROM '${spanFile}' WITH (FORMAT csv)`);
  return (performance.now() - started) / 1000;
}

const dir = await mkdtemp(path.join(tmpdir(), "assay-bench-"));
const database = await startEmbeddedPostgres({ dir, database: "assay_bench", persistent: false });
// COPY FROM a file is read by the server process, which may run as another OS user.
const csvDir = await mkdtemp(path.join(tmpdir(), "assay-bench-csv-"));
await chmod(csvDir, 0o755);
let server: ReturnType<typeof spawn> | undefined;
try {
  await buildIfNeeded();
  process.env.DATABASE_URL = database.url;
  await migrateDeploy(database.url);
  const [viaApi, viaCopyProject] = await Promise.all(["bench-api", "bench-copy"].map((slug) => db().project.create({ data: { slug, name: slug } })));
  const key = newApiKey();
  await insertKey(db(), viaApi.id, "bench", "FULL", key, null);
  await closeDb();

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  server = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: serverEnv({ ...process.env, DATABASE_URL: database.url, NEXTAUTH_SECRET: "bench-secret-0123456789abcdef", NEXTAUTH_URL: url, ASSAY_JOBS: "off", NEXT_TELEMETRY_DISABLED: "1" }),
  });
  await waitForHealth(url);

  const t0 = Date.UTC(2026, 0, 1);
  console.log(`ingest benchmark: ${TRACES} traces (3 spans each), batches of ${BATCH}, ${CLIENTS} clients`);
  const httpSeconds = await viaHttp(url, key, t0);
  const client = new pg.Client({ connectionString: database.url });
  // The cluster is stopped in `finally`; that must not hide the error that got us there.
  client.on("error", () => {});
  await client.connect();
  const copySeconds = await viaCopy(client, viaCopyProject.id, csvDir, t0);
  const { rows } = await client.query("SELECT project_id, count(*)::int AS n FROM traces GROUP BY project_id");
  await client.end();
  if (rows.some((r) => r.n !== TRACES)) throw new Error(`row counts differ: ${JSON.stringify(rows)}`);
  const httpRate = TRACES / httpSeconds;
  const copyRate = TRACES / copySeconds;
  console.log(`POST /api/v1/traces: ${httpSeconds.toFixed(1)} s, ${Math.round(httpRate)} traces/s`);
  console.log(`COPY (raw limit):    ${copySeconds.toFixed(1)} s, ${Math.round(copyRate)} traces/s`);
  console.log(`ratio: ${(httpRate / copyRate).toFixed(2)} of COPY`);
} finally {
  server?.kill("SIGTERM");
  if (server) await new Promise((r) => server!.once("exit", r));
  await database.stop().catch(() => {});
  await rm(dir, { recursive: true, force: true });
  await rm(csvDir, { recursive: true, force: true });
}
