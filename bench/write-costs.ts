import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrateDeploy } from "@/scripts/lib/run";
import { copySpans, copyTraces, writeCopyFiles } from "./lib/traces";

// `npm run bench:write-costs [-- --scale 0.15]`: what each part of the traces table costs
// Postgres when traces are written. COPY of the ingestion benchmark's traces (3 spans each)
// into a table already holding as many, once per variant of the schema, timed as the CPU
// time of the database backend (it varies far less than wall time on a shared machine).
// --scale 1 is 200,000 traces.

const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const TRACES = Math.max(1000, Math.round(200_000 * Number(arg("scale") ?? "1")));

const GIN = ["traces_project_id_tags_idx", "traces_project_id_metadata_idx", "traces_project_id_search_idx"];
const dropGin = GIN.map((i) => `DROP INDEX IF EXISTS "${i}"`);
const ginWithoutProject = [
  `CREATE INDEX "traces_project_id_tags_idx" ON traces USING GIN (tags)`,
  `CREATE INDEX "traces_project_id_metadata_idx" ON traces USING GIN (metadata jsonb_path_ops)`,
  `CREATE INDEX "traces_project_id_search_idx" ON traces USING GIN (search)`,
];
const oldSearch = [
  `ALTER TABLE traces DROP COLUMN search`,
  `ALTER TABLE traces ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coalesce(assay_search_text(input), '') || ' ' || coalesce(assay_search_text(output), ''))) STORED`,
  `CREATE INDEX "traces_project_id_search_idx" ON traces USING GIN (project_id uuid_ops, search tsvector_ops)`,
];

/** Each variant starts from the migrated schema. */
const VARIANTS: [string, string[]][] = [
  ["as migrated", []],
  ["search expression of 20261123200000", oldSearch],
  ["GIN indexes without project_id", [...dropGin, ...ginWithoutProject]],
  ["no GIN indexes", dropGin],
  ["no GIN indexes, no search column", [...dropGin, `ALTER TABLE traces DROP COLUMN search`]],
];

async function backendCpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const csvDir = await mkdtemp(path.join(tmpdir(), "assay-bench-costs-csv-"));
await chmod(csvDir, 0o755);
let database: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
let pgDir: string | undefined;
try {
  console.log(`write costs: COPY of ${TRACES} traces (3 spans each) into a table holding ${TRACES}, per schema variant`);
  const t0 = Date.UTC(2026, 0, 1);
  for (const [label, ddl] of VARIANTS) {
    // A fresh database per variant: no variant inherits another's bloat or cached plans.
    pgDir = await mkdtemp(path.join(tmpdir(), "assay-bench-costs-"));
    database = await startEmbeddedPostgres({ dir: pgDir, database: "assay_costs", persistent: false });
    await migrateDeploy(database.url);
    const client = new pg.Client({ connectionString: database.url });
    client.on("error", () => {});
    await client.connect();
    const { rows } = await client.query<{ id: string }>(`INSERT INTO projects (id, slug, name) VALUES (gen_random_uuid(), 'costs', 'costs') RETURNING id`);
    const projectId = rows[0].id;
    for (const statement of ddl) await client.query(statement);
    const before = await writeCopyFiles(csvDir, projectId, 1_000_000, TRACES, t0);
    const measured = await writeCopyFiles(csvDir, projectId, 0, TRACES, t0);
    await client.query(copyTraces(before.traces));
    await client.query(copySpans(before.spans));
    await client.query("VACUUM ANALYZE traces");
    await client.query("VACUUM ANALYZE spans");
    await client.query("CHECKPOINT");
    const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
    let cpu = await backendCpuSeconds(pid);
    await client.query(copyTraces(measured.traces));
    const traceCpu = (await backendCpuSeconds(pid)) - cpu;
    cpu = await backendCpuSeconds(pid);
    await client.query(copySpans(measured.spans));
    const spanCpu = (await backendCpuSeconds(pid)) - cpu;
    await client.end();
    await database.stop();
    database = undefined;
    await rm(pgDir, { recursive: true, force: true });
    const micro = (s: number) => `${Math.round((s * 1e6) / TRACES)} µs`;
    console.log(
      `${label.padEnd(36)} per trace: trace row ${micro(traceCpu).padStart(7)}, its 3 spans ${micro(spanCpu).padStart(7)}; ${Math.round(TRACES / (traceCpu + spanCpu))} traces per CPU second`,
    );
  }
} finally {
  await database?.stop().catch(() => {});
  if (pgDir) await rm(pgDir, { recursive: true, force: true });
  await rm(csvDir, { recursive: true, force: true });
}
