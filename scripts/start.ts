import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { closeDb, database, db } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { env, hasInitSettings, resetEnvCache } from "@/lib/env";
import { log } from "@/lib/ops/log";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "@/lib/seed/demo";
import { applyInitSettings, initSettingsFromEnv } from "@/lib/setup/init";
import { demoCredentialsActive, instanceHasUsers } from "@/lib/users/service";
import { buildIfNeeded } from "./lib/build";
import { migrateDeploy } from "./lib/run";
import { nextStartArgs, serverEnv } from "./lib/server";

// `npm start`: database (embedded unless DATABASE_URL is set), migrations, first-start setup,
// a production build when needed, then the web server. `--dev` runs the dev server instead.

const dev = process.argv.includes("--dev");
const boot = env();
const dataDir = path.resolve(boot.ASSAY_DATA_DIR);
await mkdir(dataDir, { recursive: true });

async function keptSecret(): Promise<string> {
  const file = path.join(dataDir, "secret");
  const existing = await readFile(file, "utf8").catch(() => "");
  if (existing.trim()) return existing.trim();
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

process.env.NEXTAUTH_SECRET ||= await keptSecret();
process.env.NEXTAUTH_URL ||= `http://localhost:${boot.PORT}`;

let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
if (!boot.DATABASE_URL) {
  const started = Date.now();
  embedded = await startEmbeddedPostgres({ dir: path.join(dataDir, "postgres"), port: boot.ASSAY_EMBEDDED_PG_PORT });
  process.env.DATABASE_URL = embedded.url;
  log().info({ durationMs: Date.now() - started, dataDir: path.join(path.relative(process.cwd(), dataDir), "postgres") }, "embedded PostgreSQL ready");
}
resetEnvCache();
const e = env();

async function shutdown(code: number): Promise<never> {
  await closeDb().catch(() => {});
  if (embedded) await embedded.stop().catch(() => {});
  process.exit(code);
}

try {
  await migrateDeploy(e.DATABASE_URL!);
  if (hasInitSettings(e)) {
    for (const line of await applyInitSettings(db(), initSettingsFromEnv(e))) log().info(line);
  } else if (embedded && !(await instanceHasUsers(database()))) {
    await seedDemo(db());
    log().info("seeded the demo project");
  }
  // Printed for the person trying Assay out, not logged: a table to read in a terminal.
  if (await demoCredentialsActive(database())) {
    console.log("\n  Demo credentials (remove with `npm run db:remove-demo`):");
    for (const u of DEMO_USERS) console.log(`    ${u.role.padEnd(8)} ${u.email.padEnd(22)} ${DEMO_PASSWORD}`);
    console.log("");
  }
  await closeDb();
  if (!dev) await buildIfNeeded();
} catch (error) {
  log().fatal({ err: error }, "start-up failed");
  await shutdown(1);
}

const next = spawn("node_modules/.bin/next", dev ? ["dev", "-p", String(e.PORT)] : nextStartArgs(String(e.PORT)), {
  stdio: "inherit",
  // The development server compiles on demand and keeps Node's default heap.
  env: dev ? { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } : serverEnv({ ...process.env, NEXT_TELEMETRY_DISABLED: "1" }),
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => next.kill(signal));
}
next.on("exit", (code) => void shutdown(code ?? 0));
