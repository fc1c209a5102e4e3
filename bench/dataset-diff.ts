import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { newApiKey } from "@/lib/auth/tokens";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrateDeploy } from "@/scripts/lib/run";
import { pct } from "./lib/percentile";

// `npm run bench:dataset-diff [-- --scale 0.1]`: the version diff route on two versions of
// 1,000,000 items (at scale 1) where 1% of the items have a new revision, 0.2% were archived and
// 0.2% are new. Times the API route handler in this process (no HTTP server: the work is the
// database's and the field diff of one page), a first page, a page from the middle, and a page
// of 1,000, on a throw-away PostgreSQL. The goal: well under 10 s a page.

const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const ITEMS = Math.max(10_000, Math.round(1_000_000 * Number(arg("scale") ?? "1")));
const RUNS = 5;
const GOAL_MS = 10_000;
const PROJECT = "00000000-0000-4000-8000-00000000b0b0";
const DATASET = "00000000-0000-4000-8000-00000000da7a";

const log = (line: string) => console.log(`[bench:dataset-diff] ${line}`);

const REVISION = `INSERT INTO dataset_item_revisions (project_id, item_id, dataset_id, revision, input, expected_output, metadata, splits, tags, lineage, archived, input_hash)`;

/** Publishes the current, unarchived revisions as version `number` (items join a version in its own transaction). */
async function publish(client: pg.Client, number: number): Promise<void> {
  await client.query("BEGIN");
  const { rows } = await client.query(
    `INSERT INTO dataset_versions (project_id, dataset_id, number, checksum, item_count, split_counts)
     SELECT $1, $2, $3::int, 'sha256:bench-' || $3::int, count(*), '{}' FROM dataset_item_revisions
      WHERE project_id = $1 AND dataset_id = $2 AND is_current AND NOT archived RETURNING id`,
    [PROJECT, DATASET, number],
  );
  await client.query(
    `INSERT INTO dataset_version_items (project_id, version_id, revision_id)
     SELECT $1, $3, id FROM dataset_item_revisions WHERE project_id = $1 AND dataset_id = $2 AND is_current AND NOT archived`,
    [PROJECT, DATASET, rows[0].id],
  );
  await client.query("COMMIT");
}

/** A new revision for every `every`-th current item (by item id order): changed content, or archived. */
async function revise(client: pg.Client, every: number, offset: number, archive: boolean): Promise<void> {
  await client.query(`CREATE TEMP TABLE chosen ON COMMIT DROP AS
    SELECT item_id, revision FROM (SELECT item_id, revision, row_number() OVER (ORDER BY item_id) AS n FROM dataset_item_revisions
      WHERE project_id = '${PROJECT}' AND dataset_id = '${DATASET}' AND is_current AND NOT archived) c WHERE n % ${every} = ${offset}`);
  await client.query(
    `UPDATE dataset_item_revisions r SET is_current = false FROM chosen c WHERE r.project_id = $1 AND r.item_id = c.item_id AND r.is_current`,
    [PROJECT],
  );
  await client.query(
    `${REVISION}
     SELECT r.project_id, r.item_id, r.dataset_id, r.revision + 1, r.input,
            CASE WHEN $2 THEN r.expected_output ELSE jsonb_build_object('text', 'revised ' || (r.expected_output->>'text')) END,
            r.metadata || '{"reviewed": true}', r.splits, r.tags, r.lineage, $2, r.input_hash
       FROM dataset_item_revisions r JOIN chosen c ON c.item_id = r.item_id AND c.revision = r.revision WHERE r.project_id = $1`,
    [PROJECT, archive],
  );
}

async function seed(client: pg.Client, items: number): Promise<void> {
  await client.query(`INSERT INTO projects (id, slug, name) VALUES ($1, 'bench', 'Bench')`, [PROJECT]);
  await client.query(`INSERT INTO datasets (project_id, id, name) VALUES ($1, $2, 'bench')`, [PROJECT, DATASET]);
  const addItems = async (count: number) => {
    await client.query("BEGIN");
    await client.query(
      `CREATE TEMP TABLE fresh ON COMMIT DROP AS SELECT gen_random_uuid() AS id, gen_random_uuid() AS portable_id, n FROM generate_series(1, $1) n`,
      [count],
    );
    await client.query(`INSERT INTO dataset_items (project_id, id, dataset_id, portable_id) SELECT $1, id, $2, portable_id FROM fresh`, [PROJECT, DATASET]);
    await client.query(
      `${REVISION}
       SELECT $1, id, $2, 1, jsonb_build_object('question', 'Question ' || n || ' about the product'), jsonb_build_object('text', 'Answer ' || n),
              jsonb_build_object('source', 'bench'), ARRAY[CASE WHEN n % 5 = 0 THEN 'test' ELSE 'train' END], ARRAY[]::text[],
              '{"traceId": null, "spanId": null, "traceBId": null, "queueId": null, "queueItemId": null, "labels": [], "via": "api", "gateOverride": null, "redacted": null}',
              false, md5(n::text) FROM fresh`,
      [PROJECT, DATASET],
    );
    await client.query("COMMIT");
  };
  await addItems(items);
  await publish(client, 1);
  for (const [every, offset, archive] of [
    [100, 1, false],
    [500, 7, true],
  ] as const) {
    await client.query("BEGIN");
    await revise(client, every, offset, archive);
    await client.query("COMMIT");
  }
  await addItems(Math.round(items / 500));
  await publish(client, 2);
  await client.query("ANALYZE");
}

const dir = await mkdtemp(path.join(tmpdir(), "assay-bench-diff-"));
const database = await startEmbeddedPostgres({ dir, database: "bench", persistent: false });
// Before anything reads the environment (it is read once).
Object.assign(process.env, { DATABASE_URL: database.url, NEXTAUTH_SECRET: "bench-secret-0123456789abcdef0123", NEXTAUTH_URL: "http://bench.test" });
process.env.ASSAY_LOG_LEVEL ??= "warn";
let ok = false;
try {
  await migrateDeploy(database.url);
  const client = new pg.Client({ connectionString: database.url });
  // Stopping the database ends the connection: that is not a failure of the run.
  client.on("error", () => {});
  await client.connect();
  const started = performance.now();
  await seed(client, ITEMS);
  log(`${ITEMS} items in version 1, seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const { insertKey } = await import("@/lib/apikeys/service");
  const { db } = await import("@/lib/db/client");
  const route = await import("@/app/api/v1/datasets/[datasetId]/diff/route");
  const key = newApiKey();
  await insertKey(db(), PROJECT, "bench", "FULL", key, null);
  const { rows } = await client.query(`SELECT i.portable_id AS id FROM dataset_items i WHERE project_id = $1 ORDER BY portable_id OFFSET $2 LIMIT 1`, [
    PROJECT,
    Math.floor(ITEMS / 2),
  ]);
  await client.end();
  const request = async (query: string) => {
    const t = performance.now();
    const req = new Request(`http://bench.test/api/v1/datasets/${DATASET}/diff?${query}`, { headers: { authorization: `Bearer ${key}` } });
    const res = await route.GET(req, { params: Promise.resolve({ datasetId: DATASET }) });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`the diff answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    return { ms: performance.now() - t, body };
  };
  ok = true;
  for (const [label, query] of [
    ["first page of 200", "from=1&to=2"],
    ["a page from the middle", `from=1&to=2&cursor=${rows[0].id}`],
    ["a page of 1,000", "from=1&to=2&limit=1000"],
  ]) {
    await request(query);
    const times: number[] = [];
    let last: { summary: Record<string, number>; changed: unknown[]; added: unknown[]; removed: unknown[] } | null = null;
    for (let i = 0; i < RUNS; i++) {
      const { ms, body } = await request(query);
      times.push(ms);
      last = body;
    }
    const listed = last!.changed.length + last!.added.length + last!.removed.length;
    log(
      `${label}: median ${pct(times, 50).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (${RUNS} runs); ${listed} listed, summary ${JSON.stringify(last!.summary)}`,
    );
    if (Math.max(...times) >= GOAL_MS) ok = false;
  }
  log(ok ? `every page under ${GOAL_MS / 1000} s` : `a page took ${GOAL_MS / 1000} s or more`);
} catch (error) {
  console.error(error);
} finally {
  await database.stop();
  await rm(dir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
