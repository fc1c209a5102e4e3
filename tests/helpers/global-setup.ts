import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrateDeploy } from "@/scripts/lib/run";
import { dropRunDatabases, newRunId } from "./database";

// Integration tests run against a real Postgres: DATABASE_URL_TEST when given, otherwise a
// throw-away embedded cluster on a free port, deleted afterwards. The database there is
// migrated once and serves as the template each test file copies its own database from.

let embedded: EmbeddedDatabase | null = null;
let dir: string | null = null;
let template: string | null = null;
const runId = newRunId();

export async function setup(project: TestProject) {
  let url = process.env.DATABASE_URL_TEST;
  if (!url) {
    dir = await mkdtemp(path.join(tmpdir(), "assay-test-"));
    embedded = await startEmbeddedPostgres({ dir, database: "assay_test", persistent: false });
    url = embedded.url;
  }
  await migrateDeploy(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const version = (await client.query("SHOW server_version")).rows[0].server_version as string;
  await client.end();
  console.log(`integration tests on PostgreSQL ${version}`);
  const expected = process.env.ASSAY_TEST_PG_MAJOR;
  if (expected && !version.startsWith(`${expected}.`)) throw new Error(`expected PostgreSQL ${expected}, got ${version}`);
  template = url;
  project.provide("databaseUrl", url);
  project.provide("testRunId", runId);
}

export async function teardown() {
  if (template && !embedded) await dropRunDatabases(template, runId);
  if (embedded) await embedded.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated template database; each test file copies its own from it. */
    databaseUrl: string;
    testRunId: string;
  }
}
