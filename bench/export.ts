import { appendFileSync } from "node:fs";
import { request } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { insertKey } from "@/lib/apikeys/service";
import { newApiKey } from "@/lib/auth/tokens";
import { closeDb, db } from "@/lib/db/client";
import { WHOLE_READ } from "@/lib/db/copy-out";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { resetEnvCache } from "@/lib/env";
import { buildIfNeeded } from "@/scripts/lib/build";
import { migrateDeploy } from "@/scripts/lib/run";
import { changeItems, seedItems } from "./lib/dataset-seed";
import { mb, treeRss } from "./lib/rss";
import { type BenchServer, startServer } from "./lib/server";

// `npm run bench:export [-- --scale 0.01] [--no-diff]`: a golden dataset of 1,000,000 items
// (--scale multiplies) seeded by SQL, then through the production build with an API key:
// publish v1 (goal under 30 s), export it as Assay JSONL streamed (MB/s), beside a raw
// `COPY (SELECT row_to_json(…)) TO STDOUT` of the same rows as the limit (goal: export at half
// its rate or better), with the server's resident memory sampled during the export (goal flat,
// under 300 MB); then v2 (1% revised, 0.5% archived, 0.5% added) published and diffed with v1.
// `--plans <file>` appends to the file the plan of every statement that ran over a second
// (auto_explain, row counts without timings, so the figures barely change): the export's
// cursor, publishing's read and insert, the diff's pages.

const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const scale = Number(arg("scale") ?? "1");
const withDiff = !process.argv.includes("--no-diff");
const plansFile = arg("plans");
const ITEMS = Math.max(200, Math.round(1_000_000 * scale));
const SECRET = "bench-secret-0123456789abcdef0123";
const log = (line: string) => console.log(`[bench:export] ${line}`);
const seconds = (since: number) => (performance.now() - since) / 1000;
const rate = (bytes: number, s: number) => `${(bytes / 1024 / 1024 / s).toFixed(1)} MB/s`;

/** `COPY … TO STDOUT` through pg's own protocol handling: counts the bytes, holds none. */
function copyOut(client: pg.Client, text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let failure: Error | null = null;
    const submittable = {
      submit: (connection: { query: (text: string) => void }) => connection.query(text),
      handleCopyData: (msg: { chunk: Buffer }) => void (bytes += msg.chunk.length),
      handleCommandComplete: () => {},
      handleError: (error: Error) => void (failure = error),
      handleReadyForQuery: () => (failure ? reject(failure) : resolve(bytes)),
    };
    void client.query(submittable as unknown as pg.QueryConfig);
  });
}

/**
 * A POST through node:http, which waits as long as the answer takes: fetch gives up on an
 * answer whose headers take over 300 s, as publishing a million items can on a loaded machine.
 */
function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

const pgDir = await mkdtemp(path.join(tmpdir(), "assay-bench-export-pg-"));
const database = await startEmbeddedPostgres({
  dir: pgDir,
  database: "assay_bench",
  persistent: false,
  ...(plansFile ? { log: (line: string) => appendFileSync(plansFile, `${line}\n`) } : {}),
});
let server: BenchServer | undefined;
let ok = true;
try {
  await buildIfNeeded();
  process.env.DATABASE_URL = database.url;
  // A rebuild above logged, which read the environment before the database existed.
  resetEnvCache();
  await migrateDeploy(database.url);
  const project = await db().project.create({ data: { slug: "bench-export", name: "bench-export" } });
  const key = newApiKey();
  await insertKey(db(), project.id, "bench", "FULL", key, null);
  await closeDb();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  if (plansFile) {
    // Sessions opened from now on (the server's) load it.
    for (const [name, value] of [
      ["session_preload_libraries", "auto_explain"],
      ["auto_explain.log_min_duration", "1s"],
      ["auto_explain.log_analyze", "on"],
      ["auto_explain.log_timing", "off"],
      ["auto_explain.log_nested_statements", "on"],
    ])
      await client.query(`ALTER SYSTEM SET ${name} = '${value}'`);
    await client.query("SELECT pg_reload_conf()");
  }
  const { rows } = await client.query<{ id: string }>(`INSERT INTO datasets (project_id, name) VALUES ($1, 'bench') RETURNING id`, [project.id]);
  const datasetId = rows[0].id;
  let started = performance.now();
  await seedItems(client, project.id, datasetId, ITEMS);
  log(`scale ${scale}: ${ITEMS} items seeded by SQL in ${seconds(started).toFixed(1)} s`);

  server = await startServer({ env: { DATABASE_URL: database.url, NEXTAUTH_SECRET: SECRET, ASSAY_JOBS: "off" } });
  const api = `${server.url}/api/v1/datasets/${datasetId}`;
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const publish = async (n: number) => {
    const at = performance.now();
    const res = await post(`${api}/versions`, headers, JSON.stringify({ note: `bench v${n}` }));
    if (res.status !== 201) throw new Error(`publish v${n}: ${res.status} ${res.text}`);
    const version = JSON.parse(res.text) as { number: number; itemCount: number; checksum: string; id: string };
    const s = seconds(at);
    log(
      `publish v${version.number}: ${version.itemCount} items in ${s.toFixed(1)} s (goal under 30 s at 1,000,000: ${scale === 1 ? (s < 30 ? "met" : "NOT met") : "not judged, scaled"})`,
    );
    return version;
  };
  const v1 = await publish(1);

  const samples: number[] = [];
  const sampler = setInterval(() => void treeRss(server!.process.pid!).then((rss) => samples.push(rss)), 200);
  started = performance.now();
  // Uncompressed, as the COPY beside it: a client asking for gzip gets Next's compression on top.
  const res = await fetch(`${api}/versions/1/export?format=jsonl`, { headers: { ...headers, "accept-encoding": "identity" } });
  if (!res.ok || !res.body) throw new Error(`export: ${res.status} ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  const reader = res.body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    bytes += next.value.length;
    for (let at = next.value.indexOf(10); at !== -1; at = next.value.indexOf(10, at + 1)) lines++;
  }
  const exportSeconds = seconds(started);
  clearInterval(sampler);
  if (lines !== v1.itemCount) throw new Error(`export gave ${lines} lines for ${v1.itemCount} items`);

  // Planned the way the export's own COPY is (lib/db/copy-out.ts), so the ratio compares what
  // the server does with the rows, not two plans.
  await client.query("BEGIN READ ONLY");
  for (const setting of WHOLE_READ) await client.query(setting);
  started = performance.now();
  const copied = await copyOut(
    client,
    `COPY (SELECT row_to_json(t) FROM (
       SELECT i.portable_id AS "portableId", r.input, r.expected_output AS "expectedOutput", r.preference, r.metadata, r.splits, r.tags, r.exact, r.lineage
         FROM dataset_version_items vi JOIN dataset_item_revisions r ON r.project_id = vi.project_id AND r.id = vi.revision_id
         JOIN dataset_items i ON i.project_id = r.project_id AND i.id = r.item_id
        WHERE vi.project_id = '${project.id}' AND vi.version_id = '${v1.id}' ORDER BY i.portable_id) t) TO STDOUT`,
  );
  const copySeconds = seconds(started);
  await client.query("COMMIT");
  const ratio = bytes / exportSeconds / (copied / copySeconds);
  log(`export v1 as JSONL over HTTP: ${mb(bytes)} in ${exportSeconds.toFixed(1)} s, ${rate(bytes, exportSeconds)}`);
  log(`raw COPY of the same rows as JSON: ${mb(copied)} in ${copySeconds.toFixed(1)} s, ${rate(copied, copySeconds)}`);
  log(`ratio export / COPY: ${ratio.toFixed(2)} (goal at least 0.5: ${ratio >= 0.5 ? "met" : "NOT met"})`);
  const quarter = Math.max(1, Math.floor(samples.length / 4));
  const peak = Math.max(0, ...samples);
  log(
    `server RSS during the export: peak ${mb(peak)}, first quarter peak ${mb(Math.max(0, ...samples.slice(0, quarter)))}, last quarter peak ${mb(Math.max(0, ...samples.slice(-quarter)))} (goal under 300 MB: ${peak < 300 * 1024 * 1024 ? "met" : "NOT met"})`,
  );

  // A client that goes away halfway: the export's read (a COPY in its transaction) must end and
  // its connection leave the pool (the server sees the socket close and cancels the body).
  const aborted = new AbortController();
  const partial = await fetch(`${api}/versions/1/export?format=jsonl`, { headers: { ...headers, "accept-encoding": "identity" }, signal: aborted.signal });
  await partial.body!.getReader().read();
  aborted.abort();
  started = performance.now();
  const openTransactions = () =>
    client
      .query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
      )
      .then((r) => r.rows[0].n);
  while ((await openTransactions()) > 0 && seconds(started) < 10) await new Promise((resolve) => setTimeout(resolve, 50));
  const left = await openTransactions();
  log(
    `export abandoned after its first chunk: ${left ? `${left} statement(s) or transaction(s) still open after 10 s` : `its read ended in ${seconds(started).toFixed(2)} s`}`,
  );
  if (left) throw new Error("an abandoned export kept its read open");

  started = performance.now();
  const changed = await changeItems(client, project.id, datasetId, ITEMS);
  log(`v2 changes by SQL: ${changed.edited} revised, ${changed.archived} archived, ${changed.added} added, in ${seconds(started).toFixed(1)} s`);
  await publish(2);
  if (withDiff) {
    started = performance.now();
    let cursor: string | null = null;
    let summary: unknown = null;
    let pages = 0;
    do {
      const page = await fetch(`${api}/diff?from=1&to=2&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { headers });
      if (!page.ok) throw new Error(`diff: ${page.status} ${await page.text()}`);
      const body = (await page.json()) as { summary: unknown; nextCursor: string | null };
      summary = body.summary;
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    log(`diff v1 → v2: ${pages} pages of up to 1,000 in ${seconds(started).toFixed(1)} s, summary ${JSON.stringify(summary)}`);
  } else {
    log("diff v1 → v2: skipped (--no-diff)");
  }
  await client.end();
} catch (error) {
  ok = false;
  console.error(error);
} finally {
  await server?.stop();
  await database.stop().catch(() => {});
  await rm(pgDir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
