import { randomBytes } from "node:crypto";
import pg from "pg";

// Every integration test file gets a database of its own, copied from a migrated template
// when the file starts. A file may then lock, truncate or count whole tables without
// touching what another file, running at the same time, is doing.

/** Databases of one test run share this prefix, so the run's teardown can drop exactly them. */
export function runPrefix(runId: string): string {
  return `assay_t_${runId}_`;
}

export function newRunId(): string {
  return randomBytes(4).toString("hex");
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

async function onMaintenanceDb<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A new database copied from the template at `templateUrl`; returns its URL. */
export async function createFileDatabase(templateUrl: string, runId: string): Promise<string> {
  const name = `${runPrefix(runId)}${randomBytes(6).toString("hex")}`;
  await onMaintenanceDb(templateUrl, async (client) => {
    // Copies of one template are made one at a time: Postgres refuses to copy a database
    // another session is connected to, and a copy in progress is such a session.
    await client.query("SELECT pg_advisory_lock(hashtext('assay test template'))");
    try {
      await client.query(`CREATE DATABASE ${ident(name)} TEMPLATE ${ident(databaseOf(templateUrl))}`);
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext('assay test template'))");
    }
  });
  return withDatabase(templateUrl, name);
}

/** Drops every database the run made (on a shared server, only this run's). */
export async function dropRunDatabases(templateUrl: string, runId: string): Promise<void> {
  await onMaintenanceDb(templateUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [runPrefix(runId)]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${ident(datname)} WITH (FORCE)`);
  });
}
