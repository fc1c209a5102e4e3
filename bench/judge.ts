import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { insertKey } from "@/lib/apikeys/service";
import { newApiKey } from "@/lib/auth/tokens";
import { closeDb, db } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { resetEnvCache } from "@/lib/env";
import { buildIfNeeded } from "@/scripts/lib/build";
import { migrateDeploy } from "@/scripts/lib/run";
import { publishedJudgeVersion, stubConnection } from "@/tests/support/judge-fixture";
import { startModelStub } from "@/tests/support/model-stub";
import { mb, treeRss } from "./lib/rss";
import { type BenchServer, startServer } from "./lib/server";

// `npm run bench:judge [-- --scale 0.01]`: 10,000 traces (--scale multiplies) judged by the
// production build's job runner against the local model stub answering in 100 ms, 32 calls in
// flight. The limit is 32 / 0.1 s = 320 judgments a second; the figure is judgments per second
// from the run's start to its end, its ratio to the limit (goal at least 0.8), and the server's
// resident memory over the run (goal: flat). It fails unless every trace has exactly one score.

const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const scale = Number(arg("scale") ?? "1");
const TRACES = Math.max(50, Math.round(10_000 * scale));
const LATENCY_MS = 100;
const CONCURRENCY = 32;
const LIMIT = CONCURRENCY / (LATENCY_MS / 1000);
const SECRET = "bench-secret-0123456789abcdef0123";
const log = (line: string) => console.log(`[bench:judge] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function seed(client: pg.Client, projectId: string): Promise<{ rubricVersionId: string; criterionId: string }> {
  const { rows } = await client.query<{ id: string }>(`INSERT INTO rubrics (project_id, slug, name) VALUES ($1, 'q', 'Quality') RETURNING id`, [projectId]);
  const version = await client.query<{ id: string }>(`INSERT INTO rubric_versions (project_id, rubric_id) VALUES ($1, $2) RETURNING id`, [
    projectId,
    rows[0].id,
  ]);
  const rubricVersionId = version.rows[0].id;
  const criterion = await client.query<{ id: string }>(
    `INSERT INTO criteria (project_id, rubric_version_id, position, key, label, type, measurement_level, config)
     VALUES ($1, $2, 0, 'correct', 'Correct', 'BINARY', 'NOMINAL', $3) RETURNING id`,
    [projectId, rubricVersionId, JSON.stringify({ pass: { label: "Yes", description: "Correct" }, fail: { label: "No", description: "Wrong" } })],
  );
  await client.query(`UPDATE rubric_versions SET status = 'PUBLISHED', version = 1, published_at = now() WHERE project_id = $1 AND id = $2`, [
    projectId,
    rubricVersionId,
  ]);
  await client.query(
    `INSERT INTO traces (project_id, external_id, name, input, output, start_time)
     SELECT $1, 't' || n, 'support-chat', jsonb_build_object('question', 'How do I share folder ' || n || '?'),
            jsonb_build_object('answer', 'Open the folder ' || n || ' and choose Share.'), timestamp '2026-01-01' + n * interval '1 second'
       FROM generate_series(1, $2) n`,
    [projectId, TRACES],
  );
  return { rubricVersionId, criterionId: criterion.rows[0].id };
}

const pgDir = await mkdtemp(path.join(tmpdir(), "assay-bench-judge-pg-"));
const database = await startEmbeddedPostgres({ dir: pgDir, database: "assay_bench", persistent: false });
const stub = await startModelStub({ latencyMs: LATENCY_MS });
let server: BenchServer | undefined;
let ok = true;
try {
  await buildIfNeeded();
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  await migrateDeploy(database.url);
  const project = await db().project.create({ data: { slug: "bench-judge", name: "bench-judge" } });
  const key = newApiKey();
  await insertKey(db(), project.id, "bench", "FULL", key, null);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const rubric = await seed(client, project.id);
  const connectionId = await stubConnection(db(), project.id, stub.url);
  await publishedJudgeVersion(db(), project.id, { judgeName: "bench", ...rubric, connectionId });
  await closeDb();
  const traceIds = (await client.query<{ id: string }>(`SELECT id FROM traces WHERE project_id = $1 ORDER BY start_time`, [project.id])).rows.map((r) => r.id);
  log(`scale ${scale}: ${TRACES} traces seeded; stub at ${LATENCY_MS} ms a call, ${CONCURRENCY} calls in flight (limit ${LIMIT} judgments/s)`);

  server = await startServer({ env: { DATABASE_URL: database.url, NEXTAUTH_SECRET: SECRET, ASSAY_ALLOWED_MODEL_HOSTS: stub.hostPort } });
  const api = `${server.url}/api/v1/judges/bench/runs`;
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const body = { version: 1, target: { kind: "traces", selection: { traceIds } }, concurrency: CONCURRENCY };
  const samples: number[] = [];
  const sampler = setInterval(() => void treeRss(server!.process.pid!).then((rss) => samples.push(rss)), 200);
  const res = await fetch(api, { method: "POST", headers, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`start: ${res.status} ${await res.text()}`);
  const { run } = (await res.json()) as { run: { id: string } };
  // From here on the server's CPU goes to the run's job (and the polls): the start's estimate is not counted.
  const cpuBefore = await server.cpuMs();
  let state: { status: string; counts: Record<string, number>; startedAt: string | null; finishedAt: string | null; cost: number };
  for (;;) {
    await sleep(500);
    const poll = await fetch(`${api}/${run.id}`, { headers });
    if (!poll.ok) throw new Error(`poll: ${poll.status} ${await poll.text()}`);
    state = await poll.json();
    if (!["QUEUED", "RUNNING"].includes(state.status)) break;
  }
  clearInterval(sampler);
  const cpuAfter = await server.cpuMs();
  const seconds = (Date.parse(state.finishedAt!) - Date.parse(state.startedAt!)) / 1000;
  const rate = state.counts.DONE / seconds;
  log(`run ${state.status.toLowerCase()}: ${state.counts.DONE} done, ${state.counts.ERROR} errors in ${seconds.toFixed(1)} s`);
  log(`${rate.toFixed(1)} judgments/s, ratio to the limit ${(rate / LIMIT).toFixed(2)} (goal at least 0.8: ${rate / LIMIT >= 0.8 ? "met" : "NOT met"})`);
  if (cpuBefore !== null && cpuAfter !== null) {
    // What the server's CPU allows whatever else the machine runs: a loaded machine lowers the rate, not this.
    const perJudgment = (cpuAfter - cpuBefore) / state.counts.DONE;
    log(`server CPU: ${perJudgment.toFixed(2)} ms per judgment (the run's job and the polls): ${(1000 / perJudgment).toFixed(0)} judgments per CPU-second`);
  }
  const quarter = Math.max(1, Math.floor(samples.length / 4));
  log(
    `server RSS during the run: peak ${mb(Math.max(0, ...samples))}, first quarter peak ${mb(Math.max(0, ...samples.slice(0, quarter)))}, last quarter peak ${mb(Math.max(0, ...samples.slice(-quarter)))}`,
  );
  const scores = await client.query<{ traces: number; scores: number }>(
    `SELECT count(DISTINCT trace_id)::int AS traces, count(*)::int AS scores FROM scores WHERE project_id = $1 AND source = 'LLM_JUDGE'`,
    [project.id],
  );
  log(`scores: ${scores.rows[0].scores} on ${scores.rows[0].traces} traces`);
  await client.end();
  if (state.status !== "COMPLETED" || scores.rows[0].scores !== TRACES || scores.rows[0].traces !== TRACES) throw new Error("not exactly one score per trace");
} catch (error) {
  ok = false;
  console.error(error);
} finally {
  await server?.stop();
  await stub.close();
  await database.stop();
  await rm(pgDir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
