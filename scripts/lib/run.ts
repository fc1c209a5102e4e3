import { spawn } from "node:child_process";
import { readdir } from "node:fs/promises";
import pg from "pg";
import { log } from "@/lib/ops/log";

/** Runs a command to completion, inheriting output; rejects on a non-zero exit. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("error", reject);
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${signal ?? code}`))));
  });
}

/** Runs a command quietly; its output is shown only when it fails. */
export function runQuiet(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(" ")} failed:\n${output}`))));
  });
}

/** Committed migrations the database has not applied yet (all of them on an empty database). */
async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const committed = (await readdir("prisma/migrations", { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL");
    const applied = new Set(rows.map((r) => r.migration_name as string));
    return committed.filter((name) => !applied.has(name));
  } catch {
    return committed;
  } finally {
    await client.end();
  }
}

/**
 * Applies committed migrations (the WebAssembly schema engine; nothing is downloaded). The
 * CLI takes seconds to load, so it runs only when something is pending.
 */
export async function migrateDeploy(databaseUrl: string): Promise<void> {
  if ((await pendingMigrations(databaseUrl)).length === 0) return;
  const output = await runQuiet("node_modules/.bin/prisma", ["migrate", "deploy"], { ...process.env, DATABASE_URL: databaseUrl });
  const applied = /The following migration\(s\) have been applied/.test(output);
  if (applied && process.env.ASSAY_QUIET_MIGRATIONS !== "1") log().info("database migrations applied");
}
