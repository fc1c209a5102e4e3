import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { buildIfNeeded } from "@/scripts/lib/build";
import { migrateDeploy } from "@/scripts/lib/run";
import { PROJECT, QUEUE, READER, seedAgreementQueue } from "./agreement-queue";
import { type BenchServer, startServer } from "./server";
import { pct } from "./percentile";

// The agreement report over HTTP: the session route of the production build (what the report
// page fetches), timed at the client, on a throw-away PostgreSQL holding a finished queue of
// 11,112 items × 3 raters × 3 criteria (100,008 labels at scale 1). 3 warm-up requests, then
// 50 timed ones one after another, with the server's CPU time over them (what a request costs
// however loaded the machine is). Beside it, measured in the same run on the same database:
// one plain SELECT of the same score rows through pg, the floor any report stands on.

const ITEMS_AT_SCALE_1 = 11_112;
const WARM_UPS = 3;
const REQUESTS = 50;
const GOAL_MS = 1000;
const SECRET = "bench-secret-0123456789abcdef0123";

const log = (line: string) => console.log(`[bench:agreement] ${line}`);
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function timedSelect(client: pg.Client): Promise<{ ms: number; rows: number }> {
  const times: number[] = [];
  let rows = 0;
  for (let run = 0; run < 6; run++) {
    const started = performance.now();
    const result = await client.query(
      `SELECT s.id, s.queue_item_id, s.name, s.criterion_id, s.rater_user_id, s.data_type, s.number_value, s.text_value, s.json_value
         FROM scores s WHERE s.project_id = $1 AND s.revision = 1`,
      [PROJECT],
    );
    if (run > 0) times.push(performance.now() - started);
    rows = result.rowCount ?? 0;
  }
  return { ms: pct(times, 50), rows };
}

/** Runs the phase; false when a request failed or the report's figures are missing. */
export async function reportOverHttp(scale: number): Promise<boolean> {
  const items = Math.max(20, Math.round(ITEMS_AT_SCALE_1 * scale));
  await buildIfNeeded();
  const dir = await mkdtemp(path.join(tmpdir(), "assay-bench-agreement-"));
  const database = await startEmbeddedPostgres({ dir, database: "bench", persistent: false });
  let server: BenchServer | null = null;
  try {
    await migrateDeploy(database.url);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const seeded = performance.now();
    const { labels } = await seedAgreementQueue(client, items);
    log(`scale ${scale}: ${items} items × 3 raters × 3 criteria = ${labels} labels, seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
    server = await startServer({ env: { DATABASE_URL: database.url, NEXTAUTH_SECRET: SECRET, ASSAY_JOBS: "off" } });
    const cookie = `next-auth.session-token=${await encode({ token: { sub: READER }, secret: SECRET })}`;
    const url = `${server.url}/api/projects/bench/queues/${QUEUE}/agreement`;
    const request = async () => {
      const started = performance.now();
      const res = await fetch(url, { headers: { cookie } });
      const body = await res.json();
      if (res.status !== 200) throw new Error(`the report answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      return { ms: performance.now() - started, body };
    };
    for (let i = 0; i < WARM_UPS; i++) await request();
    const times: number[] = [];
    // The machine may be shared: the server's own CPU time says what a request costs whatever else runs.
    const cpuBefore = await server.cpuMs();
    let last: { criteria: { key: string; coverage: { labels: number }; summary: { alpha: number | null; ci95: [number, number] | null } | null }[] } | null =
      null;
    for (let i = 0; i < REQUESTS; i++) {
      const { ms: took, body } = await request();
      times.push(took);
      last = body;
    }
    const cpuAfter = await server.cpuMs();
    const select = await timedSelect(client);
    await client.end();
    const counted = last!.criteria.reduce((sum, c) => sum + c.coverage.labels, 0);
    for (const c of last!.criteria) {
      const ci = c.summary?.ci95;
      log(
        `  ${c.key}: ${c.coverage.labels} labels, α ${c.summary?.alpha?.toFixed(4) ?? "undefined"}${ci ? ` (95% CI ${ci[0].toFixed(4)} – ${ci[1].toFixed(4)})` : ""}`,
      );
    }
    const [p50, p95, max] = [pct(times, 50), pct(times, 95), Math.max(...times)];
    log(`report over HTTP (session), ${REQUESTS} requests after ${WARM_UPS} warm-ups: p50 ${ms(p50)} p95 ${ms(p95)} max ${ms(max)}`);
    if (cpuBefore !== null && cpuAfter !== null) log(`server CPU time (user + system) per request: ${ms((cpuAfter - cpuBefore) / REQUESTS)}`);
    log(`baseline: one SELECT of the ${select.rows} score rows through pg, median of 5: ${ms(select.ms)}; report p50 = ${(p50 / select.ms).toFixed(1)}× that`);
    const verdict = scale !== 1 ? "not judged, this run is scaled" : p95 < GOAL_MS ? "met" : "NOT met";
    log(`goal: p95 under ${GOAL_MS} ms at 100,000 labels: ${verdict}`);
    return counted === labels && last!.criteria.every((c) => c.summary?.alpha !== null);
  } catch (error) {
    console.error(error);
    return false;
  } finally {
    await server?.stop();
    await database.stop().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}
