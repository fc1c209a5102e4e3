import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { insertKey } from "@/lib/apikeys/service";
import { newApiKey } from "@/lib/auth/tokens";
import { closeDb, db } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { buildIfNeeded } from "@/scripts/lib/build";
import { migrateDeploy } from "@/scripts/lib/run";
import { type BenchServer, startServer } from "./lib/server";
import { copySpans, copyTraces, makeTrace, writeCopyFiles } from "./lib/traces";

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
        const res = await fetch(`${url}/api/v1/traces`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body,
        });
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

async function viaCopy(client: pg.Client, projectId: string, dir: string, t0: number): Promise<number> {
  const files = await writeCopyFiles(dir, projectId, 0, TRACES, t0);
  const started = performance.now();
  await client.query(copyTraces(files.traces));
  await client.query(copySpans(files.spans));
  return (performance.now() - started) / 1000;
}

const dir = await mkdtemp(path.join(tmpdir(), "assay-bench-"));
const database = await startEmbeddedPostgres({ dir, database: "assay_bench", persistent: false });
// COPY FROM a file is read by the server process, which may run as another OS user.
const csvDir = await mkdtemp(path.join(tmpdir(), "assay-bench-csv-"));
await chmod(csvDir, 0o755);
let server: BenchServer | undefined;
try {
  await buildIfNeeded();
  process.env.DATABASE_URL = database.url;
  await migrateDeploy(database.url);
  const [viaApi, viaCopyProject] = await Promise.all(["bench-api", "bench-copy"].map((slug) => db().project.create({ data: { slug, name: slug } })));
  const key = newApiKey();
  await insertKey(db(), viaApi.id, "bench", "FULL", key, null);
  await closeDb();

  server = await startServer({ env: { DATABASE_URL: database.url, NEXTAUTH_SECRET: "bench-secret-0123456789abcdef", ASSAY_JOBS: "off" } });
  const url = server.url;

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
  await server?.stop();
  await database.stop().catch(() => {});
  await rm(dir, { recursive: true, force: true });
  await rm(csvDir, { recursive: true, force: true });
}
