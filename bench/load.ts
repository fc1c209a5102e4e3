import { mkdtemp, readFile, rm } from "node:fs/promises";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { insertKey } from "@/lib/apikeys/service";
import { newApiKey } from "@/lib/auth/tokens";
import { closeDb, db } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { resetEnvCache } from "@/lib/env";
import { buildIfNeeded } from "@/scripts/lib/build";
import { migrateDeploy } from "@/scripts/lib/run";
import { startModelStub } from "@/tests/support/model-stub";
import { seedItems } from "./lib/dataset-seed";
import { type JudgeLoad, judgeClient, judgeViolations, seedJudge } from "./lib/load-judge";
import { handlerShareWithin, startProbes } from "./lib/load-probes";
import { pct } from "./lib/percentile";
import { PROJECT, QUEUE, SECRET, type Timing, cookieFor, labelUntil, rater, seedQueue, violations } from "./lib/queue-seed";
import { machineBusyMs, processTreeMs } from "./lib/cpu";
import { treeRss } from "./lib/rss";
import { type BenchServer, startServer } from "./lib/server";
import { makeTrace } from "./lib/traces";

// `npm run bench:load [-- --scale 0.1 --duration 300 --ingest-concurrency N --bulk-instance]`:
// one production server under a fixed mix of clients at once, on the queue benchmark's data
// (--scale 1: 1,000,000 traces, a queue of 100,000 items, a published dataset of 100,000 items):
//   4 ingesting batches of 100 traces with no pause (after a 429, waiting its Retry-After),
//   2 paging the explorer's list (50 a page, 20 pages deep, then from the top again),
//   50 raters labelling, each about one label per 5 s,
//   1 downloading, one at a time, the queue's labels as CSV and the dataset's version as
//   JSONL, in turn,
//   1 running a judge over 100 of the traces at a time, worked by the server's job runner
//   against the local model stub (100 ms a call), one run after another.
// Prints throughput and p50/p95 per kind against each kind's own benchmark goal, the count of
// 5xx answers and the server's peak resident memory, and what the database's backends, the
// server's event loop, its route handlers and this process's own event loop were doing.
// Fails on any 5xx, failed request or broken queue or judge invariant; a p95 over its goal is
// reported, not failed (machines differ).
// --ingest-concurrency sets the server's ASSAY_INGEST_CONCURRENCY (64: no limit in effect).
// --bulk-instance starts a second server on the same database for the ingesting, downloading
// and judging clients, with the job runner on it alone; the raters and the explorer use the
// first (docs/scaling.md: bulk traffic on instances of its own).

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const SCALE = arg("scale", 0.1);
const DURATION_S = arg("duration", 300);
const ITEMS = Math.max(50, Math.round(100_000 * SCALE));
const TRACES = Math.max(ITEMS, Math.round(1_000_000 * SCALE));
const DATASET_ITEMS = Math.max(200, Math.round(100_000 * SCALE));
const INGEST_CONCURRENCY = args.includes("--ingest-concurrency") ? String(arg("ingest-concurrency", 1)) : undefined;
const BULK_INSTANCE = args.includes("--bulk-instance");
const METRICS_TOKEN = "bench-metrics-token-0123456789";
const MIX = { ingest: 4, explorer: 2, raters: 50, exports: 1, judge: 1 };
// --clients ingest=0,exports=0: another count of some kinds of client (the mix above is the
// one the goals are measured with; other mixes are for finding where the time goes).
const clientsArg = args.includes("--clients") ? (args[args.indexOf("--clients") + 1] ?? "") : "";
for (const part of clientsArg.split(",").filter(Boolean)) {
  const [name, count] = part.split("=");
  if (!(name in MIX) || !/^\d+$/.test(count ?? "") || (name === "judge" && Number(count) > 1)) {
    throw new Error(`--clients takes name=count pairs of ${Object.keys(MIX).join(", ")} (judge 0 or 1): ${part}`);
  }
  MIX[name as keyof typeof MIX] = Number(count);
}
const STUB_LATENCY_MS = 100;
const THINK_MS = 5_000;
const BATCH = 100;
const PAGE = 50;
const DEEPEST_PAGE = 20;
const ADMIN = 0;
/** p95 goals of the kind's own benchmark (docs/benchmarks.md); none yet for the rest. */
const GOALS_MS: Record<string, number> = { claim: 50, submit: 50, explorer: 100 };
/** The route (as the server's metrics name it) each kind with a goal calls. */
const GOAL_ROUTES: Record<string, { route: string; method: string }> = {
  explorer: { route: "/api/projects/[project]/traces", method: "GET" },
  claim: { route: "/api/projects/[project]/queues/[queueId]/claim", method: "POST" },
  submit: { route: "/api/projects/[project]/queues/[queueId]/items/[itemId]/submit", method: "POST" },
};

const log = (line: string) => console.log(`[bench:load] ${line}`);

interface Kind {
  times: number[];
  /** Traces ingested, pages read, labels submitted, downloads finished. */
  units: number;
}

const kinds = new Map<string, Kind>();
const failures: Record<string, number> = {};
let serverErrors = 0;
let busyAnswers = 0;

function kind(name: string): Kind {
  if (!kinds.has(name)) kinds.set(name, { times: [], units: 0 });
  return kinds.get(name)!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One timed request; anything but `ok` is counted as a failure of that kind, except a 429
 * with Retry-After where `busyOk`: that is waited out and answers null.
 */
async function timed(name: string, url: string, init: RequestInit, ok: number, busyOk = false): Promise<Response | null> {
  const t = performance.now();
  const res = await fetch(url, init).catch(() => null);
  const body = res ? await res.arrayBuffer().catch(() => null) : null;
  kind(name).times.push(performance.now() - t);
  if (res && res.status >= 500) serverErrors++;
  const retryAfter = Number(res?.headers.get("retry-after"));
  if (busyOk && res?.status === 429 && retryAfter > 0) {
    busyAnswers++;
    await sleep(retryAfter * 1000);
    return null;
  }
  if (!res || res.status !== ok || !body) {
    failures[`${name} ${res?.status ?? "network"}`] = (failures[`${name} ${res?.status ?? "network"}`] ?? 0) + 1;
    return null;
  }
  return new Response(body, { status: res.status });
}

/**
 * A timed download whose lines are counted as its bytes arrive: the body is never held whole
 * or decoded, so a 6 MB export does not stall this process's other clients (and their clocks)
 * while it is read. Answers the count of newline-ended lines, or null on a failure.
 */
async function timedLines(name: string, url: string, init: RequestInit): Promise<number | null> {
  const t = performance.now();
  const res = await fetch(url, init).catch(() => null);
  let lines = 0;
  let complete = false;
  if (res?.body) {
    try {
      const reader = res.body.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        const chunk = read.value;
        for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) lines++;
      }
      complete = true;
    } catch {
      complete = false;
    }
  }
  kind(name).times.push(performance.now() - t);
  if (res && res.status >= 500) serverErrors++;
  if (!res || res.status !== 200 || !complete) {
    const what = `${name} ${res?.status ?? "network"}`;
    failures[what] = (failures[what] ?? 0) + 1;
    return null;
  }
  return lines;
}

async function ingester(base: string, key: string, first: number, stride: number, until: number) {
  const t0 = Date.UTC(2026, 6, 1);
  for (let b = first; Date.now() < until; b += stride) {
    const body = JSON.stringify({ traces: Array.from({ length: BATCH }, (_, j) => makeTrace(b * BATCH + j, t0)) });
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    let res: Response | null = null;
    // A batch refused as busy is sent again, unchanged, once its Retry-After has passed.
    for (let sent = 0; !res && sent < 10 && Date.now() < until; sent++) {
      res = await timed("ingest", `${base}/api/v1/traces`, { method: "POST", headers, body }, 207, true);
    }
    if (res) kind("ingest").units += ((await res.json()) as { accepted: number }).accepted;
  }
}

async function explorer(base: string, cookie: string, until: number) {
  while (Date.now() < until) {
    let cursor: string | null = null;
    for (let page = 0; page < DEEPEST_PAGE && Date.now() < until; page++) {
      const query = new URLSearchParams({ limit: String(PAGE), ...(cursor ? { cursor } : {}) });
      const res = await timed("explorer", `${base}/api/projects/bench/traces?${query}`, { headers: { cookie } }, 200);
      if (!res) break;
      kind("explorer").units++;
      cursor = ((await res.json()) as { nextCursor: string | null }).nextCursor;
      if (!cursor) break;
    }
  }
}

/** One download at a time: the queue's labels, then the dataset's version, in turn. */
async function exporter(base: string, cookie: string, key: string, dataset: { id: string; items: number }, until: number) {
  const labels = `${base}/api/projects/bench/queues/${QUEUE}/labels?format=csv`;
  // Uncompressed, as bench:export downloads it.
  const version = `${base}/api/v1/datasets/${dataset.id}/versions/1/export?format=jsonl`;
  const exportHeaders = { authorization: `Bearer ${key}`, "accept-encoding": "identity" };
  while (Date.now() < until) {
    if (await timed("labels download", labels, { headers: { cookie } }, 200)) kind("labels download").units++;
    if (Date.now() >= until) break;
    const lines = await timedLines("dataset export", version, { headers: exportHeaders });
    if (lines === null) continue;
    if (lines === dataset.items) kind("dataset export").units++;
    else failures[`dataset export of ${lines} lines`] = (failures[`dataset export of ${lines} lines`] ?? 0) + 1;
  }
}

/** The dataset the exporter downloads: items written by SQL, version 1 published over the API. */
async function seedDataset(client: pg.Client, base: string, key: string): Promise<{ id: string; items: number }> {
  const { rows } = await client.query<{ id: string }>(`INSERT INTO datasets (project_id, name) VALUES ($1, 'load') RETURNING id`, [PROJECT]);
  await seedItems(client, PROJECT, rows[0].id, DATASET_ITEMS);
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const res = await fetch(`${base}/api/v1/datasets/${rows[0].id}/versions`, { method: "POST", headers, body: JSON.stringify({ note: "load" }) });
  if (res.status !== 201) throw new Error(`publishing the dataset: ${res.status} ${await res.text()}`);
  return { id: rows[0].id, items: ((await res.json()) as { itemCount: number }).itemCount };
}

async function seedAdminAndKey(client: pg.Client): Promise<string> {
  await client.query(`INSERT INTO users (id, email, name) VALUES ('00000000-0000-4000-9000-000000000000', 'admin@bench.test', 'Admin')`);
  await client.query(`INSERT INTO memberships (project_id, user_id, role) VALUES ($1, '00000000-0000-4000-9000-000000000000', 'ADMIN')`, [PROJECT]);
  const key = newApiKey();
  await insertKey(db(), PROJECT, "load", "FULL", key, null);
  await closeDb();
  return key;
}

function report(seconds: number, timing: Timing, peakRss: number[], judged: JudgeLoad & { seconds: number }) {
  const claims = kind("claim");
  const submits = kind("submit");
  claims.times.push(...timing.claim);
  submits.times.push(...timing.submit);
  submits.units = timing.labels;
  claims.units = timing.claim.length;
  for (const [what, count] of Object.entries(timing.errors)) {
    failures[what] = (failures[what] ?? 0) + count;
    if (/^\w+ 5\d\d/.test(what)) serverErrors += count;
  }
  const units: Record<string, string> = {
    ingest: "traces",
    explorer: "pages",
    claim: "claims",
    submit: "labels",
    "labels download": "downloads",
    "dataset export": "exports",
  };
  for (const [name, k] of kinds) {
    if (!k.times.length) continue;
    const goal = GOALS_MS[name];
    const p95 = pct(k.times, 95);
    const verdict = goal === undefined ? "no goal of its own" : p95 <= goal ? `goal ${goal} ms met` : `goal ${goal} ms NOT met`;
    log(
      `${name}: ${(k.units / seconds).toFixed(1)} ${units[name]}/s (${k.times.length} requests); p50 ${pct(k.times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${verdict})`,
    );
  }
  log(
    `judge: ${(judged.judgments / judged.seconds).toFixed(1)} judgments/s (${judged.judgments} in ${judged.runs} runs in ${judged.seconds.toFixed(1)} s, ${judged.working.toFixed(1)} s of it worked by the server's job runner)`,
  );
  log(
    `5xx answers: ${serverErrors}; batches answered 429 and sent again: ${busyAnswers}; failed requests: ${Object.keys(failures).length ? JSON.stringify(failures) : "none"}`,
  );
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  log(peakRss.length > 1 ? `servers' peak RSS: interactive ${mb(peakRss[0])}, bulk ${mb(peakRss[1])}` : `server peak RSS: ${mb(peakRss[0])}`);
}

interface CpuSample {
  at: number;
  servers: number[];
  database: number;
  generator: number;
  machine: number;
}

/** CPU time so far (ms) of each server, the database cluster (backends that closed included), this process and the whole machine. */
async function cpuSample(servers: BenchServer[], postmaster: number): Promise<CpuSample> {
  const own = process.cpuUsage();
  return {
    at: performance.now(),
    servers: await Promise.all(servers.map(async (s) => (await s.cpuMs()) ?? 0)),
    database: await processTreeMs(postmaster, true).catch(() => 0),
    generator: (own.user + own.system) / 1000,
    machine: await machineBusyMs().catch(() => 0),
  };
}

/** Where the machine's cores went between two samples, in cores (CPU seconds per second). */
function cpuSplit(a: CpuSample, b: CpuSample): string {
  const wall = b.at - a.at;
  const cores = (ms: number) => (ms / wall).toFixed(2);
  const servers = b.servers.map((ms, i) => cores(ms - a.servers[i]));
  const named = servers.length > 1 ? `people's server ${servers[0]}, bulk server ${servers[1]}` : `server ${servers[0]}`;
  const known = b.servers.reduce((sum, ms, i) => sum + ms - a.servers[i], 0) + b.database - a.database + b.generator - a.generator;
  return `${named}, PostgreSQL ${cores(b.database - a.database)}, load generator ${cores(b.generator - a.generator)}, everything else ${cores(b.machine - a.machine - known)}; the machine ${cores(b.machine - a.machine)} of ${availableParallelism()}`;
}

await buildIfNeeded();
const dir = await mkdtemp(path.join(tmpdir(), "assay-bench-load-"));
const database = await startEmbeddedPostgres({ dir, database: "bench", persistent: false });
const stub = await startModelStub({ latencyMs: STUB_LATENCY_MS });
const servers: BenchServer[] = [];
let failed = false;
try {
  process.env.DATABASE_URL = database.url;
  // A rebuild above logged, which read the environment before the database existed.
  resetEnvCache();
  await migrateDeploy(database.url);
  const client = new pg.Client({ connectionString: database.url });
  // The cluster is stopped in `finally`; that must not hide the error that got us there.
  client.on("error", () => {});
  await client.connect();
  log(
    `scale ${SCALE}: ${TRACES} traces, a queue of ${ITEMS} items, a dataset of ${DATASET_ITEMS} items, ${DURATION_S} s; clients ${JSON.stringify(MIX)}; ingest concurrency ${INGEST_CONCURRENCY ?? "the default"}; ${BULK_INSTANCE ? "two servers: people on one, bulk clients and jobs on the other" : "one server"}`,
  );
  await seedQueue(client, { items: ITEMS, traces: TRACES, raters: MIX.raters, log });
  const judgeTraces = await seedJudge(client, stub.url);
  const key = await seedAdminAndKey(client);
  const concurrency: Record<string, string> = INGEST_CONCURRENCY ? { ASSAY_INGEST_CONCURRENCY: INGEST_CONCURRENCY } : {};
  const serverAt = (jobs: "on" | "off") =>
    startServer({
      env: {
        DATABASE_URL: database.url,
        NEXTAUTH_SECRET: SECRET,
        ASSAY_JOBS: jobs,
        ASSAY_ALLOWED_MODEL_HOSTS: stub.hostPort,
        ASSAY_METRICS_TOKEN: METRICS_TOKEN,
        ...concurrency,
      },
    });
  // One server: its job runner works the judge runs (and the recurring sweeps, as in
  // production). With --bulk-instance, a second server on the same database takes the
  // ingestion, the downloads and the judge runs (and runs the jobs); the first answers people.
  servers.push(await serverAt(BULK_INSTANCE ? "off" : "on"));
  if (BULK_INSTANCE) servers.push(await serverAt("on"));
  const base = servers[0].url;
  const bulk = servers.at(-1)!.url;
  const dataset = await seedDataset(client, bulk, key);
  const admin = await cookieFor(ADMIN);

  const peakRss = servers.map(() => 0);
  const sampler = setInterval(() => {
    servers.forEach((s, i) => void treeRss(s.process.pid!).then((rss) => (peakRss[i] = Math.max(peakRss[i], rss))));
  }, 250);
  const timing: Timing = { claim: [], submit: [], labels: 0, labelsBy: [0], errors: {} };
  const probes = startProbes(client, base, METRICS_TOKEN);
  // This process's own event-loop delay: time its clients' clocks ran while it was busy.
  const ownDelay = monitorEventLoopDelay({ resolution: 10 });
  ownDelay.enable();
  // The postmaster's pid is the first line of its pid file; its backends are its children.
  const postmaster = Number((await readFile(path.join(dir, "cluster", "postmaster.pid"), "utf8")).split("\n", 1)[0]);
  const cpuAtStart = await cpuSample(servers, postmaster);
  const start = performance.now();
  const until = Date.now() + DURATION_S * 1000;
  const fail = (what: string) => (failures[what] = (failures[what] ?? 0) + 1);
  // The judge client follows its last run past the end: its rate is over its own time.
  const judging = (MIX.judge ? judgeClient(bulk, key, judgeTraces, until, fail) : Promise.resolve({ runs: 0, judgments: 0, working: 0 })).then((j) => ({
    ...j,
    seconds: (performance.now() - start) / 1000,
  }));
  await Promise.all([
    ...Array.from({ length: MIX.ingest }, (_, i) => ingester(bulk, key, i, MIX.ingest, until)),
    ...Array.from({ length: MIX.explorer }, () => explorer(base, admin, until)),
    ...(await Promise.all(Array.from({ length: MIX.raters }, (_, i) => cookieFor(i + 1)))).map((cookie) =>
      labelUntil(rater(base, 0, cookie, timing), until, THINK_MS),
    ),
    ...Array.from({ length: MIX.exports }, () => exporter(bulk, admin, key, dataset, until)),
  ]);
  const cpuAtEnd = await cpuSample(servers, postmaster);
  clearInterval(sampler);
  probes.stop();
  ownDelay.disable();
  const seconds = (performance.now() - start) / 1000;
  const judged = await judging;
  report(seconds, timing, peakRss, judged);
  for (const line of probes.lines()) log(line);
  const metricsText = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).then((r) => r.text());
  const within = Object.entries(GOALS_MS).map(([name, goal]) => {
    const { route, method } = GOAL_ROUTES[name];
    const share = handlerShareWithin(metricsText, route, method, goal / 1000);
    return `${name} ${share === null ? "n/a" : `${(100 * share).toFixed(0)}%`} within ${goal} ms`;
  });
  log(`answered by the route's handler (the server's own histogram, from handler start to the answer's first byte): ${within.join(", ")}`);
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  log(
    `load generator's own event-loop delay (10 ms sampling interval included, as in the server's figure): p50 ${ms(ownDelay.percentile(50))} ms, p99 ${ms(ownDelay.percentile(99))} ms, max ${ms(ownDelay.max)} ms`,
  );

  log(`CPU over the run, in cores: ${cpuSplit(cpuAtStart, cpuAtEnd)}`);

  const v = await violations(client);
  log(`queue invariants: ${v.overN} items over their overlap, ${v.twice} raters twice on an item, ${v.miscounted} miscounted items`);
  const judgedTwice = await judgeViolations(client);
  log(`judge invariant: ${judgedTwice} traces with more than one current judgment`);
  await client.end();
  const alive = servers.every((s) => s.process.exitCode === null && s.process.signalCode === null);
  if (!alive) log("a server died during the run");
  failed = !alive || serverErrors > 0 || Object.keys(failures).length > 0 || v.overN + v.twice + v.miscounted + judgedTwice > 0;
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  for (const s of servers) await s.stop();
  await stub.close();
  await database.stop().catch(() => {});
  await rm(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
