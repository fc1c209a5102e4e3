import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as itemsRoute from "@/app/api/v1/datasets/[datasetId]/items/route";
import * as versionsRoute from "@/app/api/v1/datasets/[datasetId]/versions/route";
import * as datasetsRoute from "@/app/api/v1/datasets/route";
import { insertKey } from "@/lib/apikeys/service";
import { newApiKey } from "@/lib/auth/tokens";
import { BackupError, backupEmbedded } from "@/lib/db/backup";
import { closeDb, db, pool } from "@/lib/db/client";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "@/lib/db/embedded";
import { restoreEmbedded } from "@/lib/db/restore";
import { resetEnvCache } from "@/lib/env";
import { seedDemo } from "@/lib/seed/demo";
import { migrateDeploy } from "@/scripts/lib/run";
import { call } from "@/tests/helpers/fixtures";

// A backup of the embedded cluster taken while the app's pool keeps writing, restored into a
// new data directory and started there: labels, gold and dataset versions come back row for
// row, and the app reads them through its own routes. This file runs its own clusters in its
// own worker process, so pointing the app's handle at them disturbs no other file.

const fileUrl = process.env.DATABASE_URL;
let dir: string;
let cluster: EmbeddedDatabase | null = null;

async function useDatabase(url: string) {
  await closeDb();
  process.env.DATABASE_URL = url;
  resetEnvCache();
  await migrateDeploy(url);
}

/** Row counts and an md5 of each table's rows in key order: equal means the same rows. */
async function fingerprint() {
  const tables = ["scores", "gold_labels", "dataset_versions", "dataset_version_items", "dataset_item_revisions", "assignments", "users"];
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const table of tables) {
    const { rows } = await pool().query(`SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS md5 FROM ${table} t`);
    out[table] = rows[0];
  }
  return out;
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (error) => (error instanceof BackupError ? error.code : Promise.reject(error)),
  );

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "assay-backup-test-"));
  // As root, PostgreSQL runs as its own user, which must reach the clusters inside.
  await chmod(dir, 0o755);
}, 60_000);

afterAll(async () => {
  await closeDb();
  await cluster?.stop();
  process.env.DATABASE_URL = fileUrl;
  resetEnvCache();
  await rm(dir, { recursive: true, force: true });
}, 60_000);

describe("backup and restore of the embedded database", () => {
  it("restores, from a backup taken under writes, the labels, gold and dataset versions the app then serves", async () => {
    const source = path.join(dir, "source");
    cluster = await startEmbeddedPostgres({ dir: path.join(source, "postgres") });
    await useDatabase(cluster.url);
    await writeFile(path.join(source, "secret"), "the-session-secret");
    await seedDemo(db());
    const project = await db().project.findUniqueOrThrow({ where: { slug: "demo" } });
    const key = newApiKey();
    await insertKey(db(), project.id, "backup test", "FULL", key, null);
    const dataset = await call(datasetsRoute.POST, { method: "POST", key, body: { name: "golden" } });
    const datasetId = dataset.json.id as string;
    const items = Array.from({ length: 5 }, (_, i) => ({ input: { question: `How do I export report ${i}?` }, expectedOutput: `Use Export ${i}` }));
    expect((await call(itemsRoute.POST, { method: "POST", key, params: { datasetId }, body: { items } })).status).toBe(207);
    expect((await call(versionsRoute.POST, { method: "POST", key, params: { datasetId }, body: { note: "v1" } })).status).toBe(201);

    const before = await fingerprint();
    expect(before.scores.rows).toBeGreaterThan(0);
    expect(before.gold_labels.rows).toBeGreaterThan(0);
    // The demo's golden dataset has two published versions, and this test publishes one more.
    expect(before.dataset_versions.rows).toBe(3);

    // Traces keep arriving through the app's pool for the whole backup.
    const insertLive = () =>
      pool().query(
        `INSERT INTO traces (project_id, external_id, name, input) SELECT $1, 'live-' || gen_random_uuid(), 'live', '{}' FROM generate_series(1, 200)`,
        [project.id],
      );
    await insertLive();
    let writing = true;
    const writer = (async () => {
      while (writing) await insertLive();
    })();
    writer.catch(() => {});
    const committedBefore = 200;
    const file = path.join(dir, "assay.tar.gz");
    const summary = await backupEmbedded(source, file);
    writing = false;
    await writer;
    expect(summary.method).toBe("online");
    expect(await codeOf(backupEmbedded(source, file))).toBe("file_exists");
    expect(await codeOf(restoreEmbedded(file, source, { force: true }))).toBe("cluster_running");

    await closeDb();
    await cluster.stop();
    cluster = null;
    expect(await codeOf(restoreEmbedded(file, source))).toBe("target_not_empty");
    const target = path.join(dir, "restored");
    const restored = await restoreEmbedded(file, target);
    expect(restored.method).toBe("online");

    cluster = await startEmbeddedPostgres({ dir: path.join(target, "postgres") });
    await useDatabase(cluster.url);
    expect(await fingerprint()).toEqual(before);
    const live = (await pool().query(`SELECT count(*)::int AS n FROM traces WHERE name = 'live'`)).rows[0].n as number;
    expect(live).toBeGreaterThanOrEqual(committedBefore);
    // The app on the restored database: the key, the dataset and its frozen version.
    const versions = await call(versionsRoute.GET, { key, params: { datasetId } });
    expect(versions.status).toBe(200);
    expect(versions.json.versions.map((v: { number: number }) => v.number)).toEqual([1]);
  }, 240_000);
});
