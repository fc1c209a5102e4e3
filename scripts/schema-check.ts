import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrateDeploy } from "./lib/run";

// Fails when prisma/schema.prisma and the committed migrations disagree. One empty database
// gets the migrations, another the script Prisma derives from the schema alone; their
// catalogs must match. Objects the schema language cannot express (CHECK constraints,
// partial or NULLS NOT DISTINCT indexes, triggers, functions) exist only in migrations and
// are left out of the comparison.

const CATALOG = {
  columns: `SELECT table_name || '.' || column_name AS key,
                   concat_ws(' ', udt_name, is_nullable, coalesce(column_default, '')) AS value
              FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  constraints: `SELECT rel.relname || '.' || con.conname AS key, pg_get_constraintdef(con.oid) AS value
                  FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
                  JOIN pg_namespace ns ON ns.oid = rel.relnamespace
                 WHERE ns.nspname = 'public' AND con.contype IN ('p', 'u', 'f') AND rel.relname <> '_prisma_migrations'`,
  indexes: `SELECT indexname AS key, indexdef AS value FROM pg_indexes
             WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
               AND indexdef NOT LIKE '% WHERE %' AND indexdef NOT LIKE '%NULLS NOT DISTINCT%'`,
  enums: `SELECT t.typname AS key, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS value
            FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
            JOIN pg_namespace ns ON ns.oid = t.typnamespace
           WHERE ns.nspname = 'public' GROUP BY t.typname`,
};

type Catalog = Map<string, string>;

async function catalog(url: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const result: Catalog = new Map();
  try {
    for (const [kind, sql] of Object.entries(CATALOG)) {
      for (const row of (await client.query(sql)).rows) result.set(`${kind} ${row.key}`, row.value);
    }
  } finally {
    await client.end();
  }
  return result;
}

function schemaScript(url: string): string {
  const out = spawnSync("node_modules/.bin/prisma", ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (out.status !== 0) throw new Error(`prisma migrate diff failed:\n${out.stderr}`);
  return out.stdout;
}

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name}`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const dir = await mkdtemp(path.join(tmpdir(), "assay-schema-"));
const given = process.env.DATABASE_URL_TEST;
const server = given ? null : await startEmbeddedPostgres({ dir, database: "postgres", persistent: false });
const adminUrl = given ?? server!.url;
let failed = false;
try {
  const fromMigrations = await createDatabase(adminUrl, "assay_schema_from_migrations");
  const fromSchema = await createDatabase(adminUrl, "assay_schema_from_schema");
  await migrateDeploy(fromMigrations);
  const client = new pg.Client({ connectionString: fromSchema });
  await client.connect();
  await client.query(schemaScript(fromSchema));
  await client.end();
  const [a, b] = await Promise.all([catalog(fromMigrations), catalog(fromSchema)]);
  const problems: string[] = [];
  for (const [key, value] of b) {
    if (!a.has(key)) problems.push(`missing from the migrations: ${key} (${value})`);
    else if (a.get(key) !== value) problems.push(`differs: ${key}\n    migrations: ${a.get(key)}\n    schema:     ${value}`);
  }
  for (const [key, value] of a) if (!b.has(key)) problems.push(`only in the migrations: ${key} (${value})`);
  if (problems.length) {
    failed = true;
    console.error(`schema check: prisma/schema.prisma and prisma/migrations disagree:\n  ${problems.join("\n  ")}`);
    console.error("Write the missing migration with `prisma migrate diff` (see docs/architecture.md).");
  } else {
    console.log(`schema check: the migrations match prisma/schema.prisma (${b.size} catalog entries compared)`);
  }
} finally {
  if (server) await server.stop();
  await rm(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
