import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { insertKey } from "@/lib/apikeys/service";
import { newApiKey } from "@/lib/auth/tokens";
import { closeDb, db } from "@/lib/db/client";
import { type EmbeddedDatabase, freePort, startEmbeddedPostgres } from "@/lib/db/embedded";
import { buildIfNeeded } from "@/scripts/lib/build";
import { migrateDeploy } from "@/scripts/lib/run";
import { scaleArg } from "./lib/args";
import { killTree, postmasterPid, until } from "./lib/faults";
import { type BenchServer, startServer } from "./lib/server";
import { makeTrace } from "./lib/traces";

// `npm run bench:fault-db [-- --scale 0.05]`: PostgreSQL killed in the middle of batch
// ingestion. 4 clients send POST /api/v1/traces batches of 50 traces, each trace with its
// own id, to the production build on an embedded cluster. Once a third of the batches are
// acknowledged, the cluster (postmaster and backends) is SIGKILLed; once a client has seen
// the 503, it is started again on the same data directory and port. A batch that was not
// answered 207 is sent again after the answer's Retry-After. Fails unless every 503 carried
// Retry-After, every trace exists exactly once (its 3 spans too) and none went missing.

const TRACES = Math.max(200, Math.round(20_000 * scaleArg()));
const BATCH = 50;
const CLIENTS = 4;
const log = (line: string) => console.log(`[bench:fault-db] ${line}`);

interface Figures {
  acknowledged: number;
  unavailable: number;
  withoutRetryAfter: number;
  otherFailures: Record<string, number>;
  resent: number;
}

/**
 * Sends every batch until each is acknowledged. `onAcknowledged` may return a kill in
 * progress: no client sends anything more until it is done, so what is sent after the trigger
 * meets a dead database however slowly the kill goes.
 */
async function ingest(url: string, key: string, stop: AbortSignal, onAcknowledged: (f: Figures) => Promise<void> | null): Promise<Figures> {
  let gate: Promise<void> | null = null;
  const t0 = Date.UTC(2026, 0, 1);
  const todo = Array.from({ length: Math.ceil(TRACES / BATCH) }, (_, b) => b);
  const sent = new Set<number>();
  const figures: Figures = { acknowledged: 0, unavailable: 0, withoutRetryAfter: 0, otherFailures: {}, resent: 0 };
  const body = (b: number) => JSON.stringify({ traces: Array.from({ length: Math.min(BATCH, TRACES - b * BATCH) }, (_, j) => makeTrace(b * BATCH + j, t0)) });
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let b = todo.shift(); b !== undefined && !stop.aborted; b = todo.shift()) {
        await gate;
        if (sent.has(b)) figures.resent++;
        sent.add(b);
        const res = await fetch(`${url}/api/v1/traces`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: body(b),
        }).catch(() => null);
        await res?.arrayBuffer();
        if (res?.status === 207) {
          figures.acknowledged++;
          gate = onAcknowledged(figures) ?? gate;
          continue;
        }
        // Not acknowledged: sent again, after the pause the server asked for.
        todo.push(b);
        let pause = 1;
        if (res?.status === 503) {
          figures.unavailable++;
          const retryAfter = Number(res.headers.get("retry-after"));
          if (retryAfter > 0) pause = retryAfter;
          else figures.withoutRetryAfter++;
        } else if (res?.status === 429 && Number(res.headers.get("retry-after")) > 0) {
          // The instance's writes backed up behind the outage (ASSAY_INGEST_MAX_WAIT_MS): as asked, later.
          pause = Number(res.headers.get("retry-after"));
        } else {
          const what = res ? `HTTP ${res.status}` : "no answer";
          figures.otherFailures[what] = (figures.otherFailures[what] ?? 0) + 1;
        }
        await new Promise((r) => setTimeout(r, pause * 1000));
      }
    }),
  );
  return figures;
}

await buildIfNeeded();
const dir = await mkdtemp(path.join(tmpdir(), "assay-bench-fault-db-"));
// As root, PostgreSQL runs as its own user, which must reach the cluster inside.
await chmod(dir, 0o755);
const pgDir = path.join(dir, "postgres");
const port = await freePort();
let database: EmbeddedDatabase | null = await startEmbeddedPostgres({ dir: pgDir, port });
let server: BenchServer | undefined;
let failed = false;
try {
  process.env.DATABASE_URL = database.url;
  await migrateDeploy(database.url);
  const project = await db().project.create({ data: { slug: "fault", name: "Fault" } });
  const key = newApiKey();
  await insertKey(db(), project.id, "fault", "INGEST", key, null);
  await closeDb();
  server = await startServer({ env: { DATABASE_URL: database.url, NEXTAUTH_SECRET: "bench-secret-0123456789abcdef", ASSAY_JOBS: "off" } });
  log(`${TRACES} traces (3 spans each) in batches of ${BATCH} from ${CLIENTS} clients; PostgreSQL killed after a third`);

  const batches = Math.ceil(TRACES / BATCH);
  let outage: Promise<void> | null = null;
  let outageFailed: unknown = null;
  const stop = new AbortController();
  let killedAt = 0;
  let backAt = 0;
  const started = performance.now();
  const figures = await ingest(server.url, key, stop.signal, (f) => {
    if (outage || f.acknowledged < batches / 3) return null;
    let dead = () => {};
    const killed = new Promise<void>((resolve) => (dead = resolve));
    outage = (async () => {
      const pid = await postmasterPid(path.join(pgDir, "cluster"));
      killedAt = performance.now();
      await killTree(pid);
      database = null;
      log(`killed PostgreSQL (postmaster ${pid}) with ${f.acknowledged} of ${batches} batches acknowledged`);
      dead();
      await until("a client to be answered 503", () => f.unavailable > 0, 60_000);
      database = await startEmbeddedPostgres({ dir: pgDir, port });
      backAt = performance.now();
      log(`PostgreSQL restarted on the same data directory after ${((backAt - killedAt) / 1000).toFixed(1)} s (crash recovery included)`);
    })().catch((error) => {
      outageFailed = error;
      stop.abort();
      dead();
    });
    return killed;
  });
  await outage;
  if (outageFailed) throw outageFailed;
  const seconds = (performance.now() - started) / 1000;

  const client = new pg.Client({ connectionString: database!.url });
  await client.connect();
  const { rows } = await client.query(
    `SELECT count(*)::int AS traces, count(DISTINCT external_id)::int AS distinct,
            count(*) FILTER (WHERE external_id NOT LIKE 'bench-%')::int AS foreign,
            (SELECT count(*)::int FROM spans WHERE project_id = $1) AS spans
       FROM traces WHERE project_id = $1`,
    [project.id],
  );
  await client.end();
  const stored = rows[0] as { traces: number; distinct: number; foreign: number; spans: number };
  log(
    `${figures.acknowledged} batches acknowledged after ${figures.resent} resends in ${seconds.toFixed(1)} s; ` +
      `${figures.unavailable} answers 503, ${figures.withoutRetryAfter} of them without Retry-After; other failures ${JSON.stringify(figures.otherFailures)}`,
  );
  log(
    `stored: ${stored.traces} traces (${stored.distinct} distinct ids, ${stored.traces - stored.distinct} duplicates), ${stored.spans} spans; expected ${TRACES} and ${TRACES * 3}`,
  );
  const problems = [
    !outage && "PostgreSQL was never killed",
    figures.unavailable === 0 && "no client saw a 503",
    figures.withoutRetryAfter > 0 && "a 503 came without Retry-After",
    figures.acknowledged !== batches && `${figures.acknowledged} of ${batches} batches acknowledged`,
    (stored.traces !== TRACES || stored.distinct !== TRACES || stored.foreign > 0) && "traces not stored exactly once",
    stored.spans !== TRACES * 3 && "spans not stored exactly once",
  ].filter(Boolean);
  if (problems.length) throw new Error(problems.join("; "));
  log("invariants hold: every trace exactly once, every acknowledged batch stored");
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await server?.stop();
  await database?.stop().catch(() => {});
  await rm(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
