import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { buildIfNeeded } from "@/scripts/lib/build";
import { migrateDeploy } from "@/scripts/lib/run";
import { type BenchServer, startServer } from "./lib/server";
import { pct } from "./lib/percentile";
import { OVERLAP, SECRET, type Timing, cookieFor, labelUntil, rater, seedQueue, violations } from "./lib/queue-seed";

// `npm run bench:queue [-- --scale 0.01 --seconds 30 --instances 2]`: the claim and submit
// routes of the production build under load (with --instances, that many `next start`
// processes on the one database, raters spread over them in turn), timed at the HTTP client, on a throw-away PostgreSQL holding
// a queue of 100,000 items (overlap 3) over 1,000,000 traces at scale 1.
//   (a) saturation: 20 raters claim and submit with no pause
//   (b) realistic: 200 raters, each submitting about every 5 s
//   (b) again with 90% of the queue already done
// After each run: no item with more than 3 labels, no rater labelling an item twice.

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const SCALE = arg("scale", 1);
const SECONDS = arg("seconds", 30);
const INSTANCES = arg("instances", 1);
const ITEMS = Math.max(50, Math.round(100_000 * SCALE));
const TRACES = Math.max(ITEMS, Math.round(1_000_000 * SCALE));
const SATURATION_RATERS = 20;
const REALISTIC_RATERS = 200;
const THINK_MS = 5_000;

const log = (line: string) => console.log(`[bench:queue] ${line}`);

const ms = (n: number) => `${n.toFixed(1)} ms`;

/** Completes every item up to 90% of the queue, with three raters' assignments and labels each. */
async function completeNinetyPercent(client: pg.Client) {
  const t0 = Date.now();
  await client.query(`CREATE TEMP TABLE todo AS SELECT id, row_number() OVER (ORDER BY priority, id) AS n FROM queue_items WHERE status = 'PENDING'`);
  const { rows } = await client.query(`SELECT count(*)::int AS pending, (SELECT count(*)::int FROM queue_items) AS total FROM todo`);
  const finish = Math.max(0, rows[0].pending - Math.round(rows[0].total * 0.1));
  await client.query(`DELETE FROM todo WHERE n > $1`, [finish]);
  // Items partly labelled or leased are left alone: only untouched ones are fast-forwarded.
  await client.query(`DELETE FROM todo t WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.queue_item_id = t.id)`);
  await client.query(
    `INSERT INTO assignments (project_id, queue_item_id, queue_id, user_id, status, lease_expires_at, claimed_at, submitted_at)
     SELECT '00000000-0000-4000-8000-000000000001', t.id, '00000000-0000-4000-8000-000000000004',
            ('00000000-0000-4000-9000-' || lpad(((t.n * 7 + k * 61) % $1 + 1)::text, 12, '0'))::uuid, 'SUBMITTED', now(), now() - interval '40 seconds', now()
       FROM todo t CROSS JOIN generate_series(0, 2) k`,
    [REALISTIC_RATERS],
  );
  await client.query(
    `INSERT INTO scores (project_id, queue_item_id, name, data_type, number_value, rubric_version_id, source, rater_user_id)
     SELECT a.project_id, a.queue_item_id, 'helpfulness', 'NUMERIC', 4, '00000000-0000-4000-8000-000000000003', 'HUMAN', a.user_id
       FROM assignments a JOIN todo t ON t.id = a.queue_item_id`,
  );
  await client.query(`UPDATE queue_items i SET submitted_count = 3, status = 'COMPLETED' FROM todo t WHERE i.id = t.id`);
  await client.query(`DELETE FROM queue_slots s USING todo t WHERE s.queue_item_id = t.id`);
  await client.query(`VACUUM ANALYZE queue_slots`);
  await client.query(`ANALYZE`);
  const left = await client.query(`SELECT count(*) FILTER (WHERE status = 'COMPLETED')::int AS done, count(*)::int AS total FROM queue_items`);
  log(`fast-forwarded ${finish} items: ${left.rows[0].done} of ${left.rows[0].total} done, in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

async function phase(bases: string[], raters: number, seconds: number, thinkMs: number): Promise<Timing & { seconds: number }> {
  const timing: Timing = { claim: [], submit: [], labels: 0, labelsBy: bases.map(() => 0), errors: {} };
  const cookies = await Promise.all(Array.from({ length: raters }, (_, i) => cookieFor(i + 1)));
  const end = Date.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(cookies.map((cookie, i) => labelUntil(rater(bases[i % bases.length], i % bases.length, cookie, timing), end, thinkMs)));
  return { ...timing, seconds: (performance.now() - start) / 1000 };
}

function report(name: string, t: Timing & { seconds: number }) {
  log(
    `${name}: ${t.labels} labels in ${t.seconds.toFixed(1)} s = ${(t.labels / t.seconds).toFixed(1)} labels/s; ` +
      `claim p50 ${ms(pct(t.claim, 50))} p95 ${ms(pct(t.claim, 95))} p99 ${ms(pct(t.claim, 99))} (n=${t.claim.length}); ` +
      `submit p50 ${ms(pct(t.submit, 50))} p95 ${ms(pct(t.submit, 95))} p99 ${ms(pct(t.submit, 99))} (n=${t.submit.length})` +
      (t.labelsBy.length > 1 ? `; labels per instance ${t.labelsBy.join(" / ")}` : "") +
      (Object.keys(t.errors).length ? `; errors ${JSON.stringify(t.errors)}` : ""),
  );
}

await buildIfNeeded();
const dir = await mkdtemp(path.join(tmpdir(), "assay-bench-queue-"));
const database = await startEmbeddedPostgres({ dir, database: "bench", persistent: false });
const servers: BenchServer[] = [];
let failed = false;
try {
  await migrateDeploy(database.url);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  log(`scale ${SCALE}: ${ITEMS} items (overlap ${OVERLAP}) over ${TRACES} traces, ${SECONDS} s per run, ${INSTANCES} instance(s)`);
  await seedQueue(client, { items: ITEMS, traces: TRACES, raters: REALISTIC_RATERS, log });
  for (let n = 0; n < INSTANCES; n++) {
    servers.push(await startServer({ env: { DATABASE_URL: database.url, NEXTAUTH_SECRET: SECRET, ASSAY_JOBS: "off" } }));
  }
  const bases = servers.map((s) => s.url);
  // One short warm-up so compilation of route modules is not timed.
  await phase(bases, 2 * INSTANCES, 2, 0);

  const check = async (name: string) => {
    const v = await violations(client);
    log(`${name} invariants: ${v.overN} items over ${OVERLAP} labels, ${v.twice} raters twice on an item, ${v.miscounted} miscounted items`);
    if (v.overN || v.twice || v.miscounted) failed = true;
  };
  report("(a) saturation, 20 raters", await phase(bases, SATURATION_RATERS, SECONDS, 0));
  await check("(a)");
  report("(b) realistic, 200 raters", await phase(bases, REALISTIC_RATERS, SECONDS, THINK_MS));
  await check("(b)");
  await completeNinetyPercent(client);
  report("(b) realistic, 200 raters, 90% done", await phase(bases, REALISTIC_RATERS, SECONDS, THINK_MS));
  await check("(b, 90% done)");
  await client.end();
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await Promise.all(servers.map((s) => s.stop()));
  await database.stop().catch(() => {});
  await rm(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
