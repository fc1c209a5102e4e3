import { readFile } from "node:fs/promises";
import path from "node:path";
import { closeDb, database, db } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { env, resetEnvCache } from "@/lib/env";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "@/lib/seed/demo";
import { removeDemoCredentials } from "@/lib/users/service";
import { resealConnectionSecrets } from "@/lib/connections/secrets";
import { migrateDeploy } from "./lib/run";

// `npm run db:migrate | db:seed | db:remove-demo | db:reencrypt-secrets`: against
// DATABASE_URL, or the embedded cluster `npm start` uses when it is unset (stop the app first:
// one process owns it).

const command = process.argv[2];
if (!["migrate", "seed", "remove-demo", "reencrypt-secrets"].includes(command)) {
  console.error("usage: tsx scripts/db.ts migrate|seed|remove-demo|reencrypt-secrets");
  process.exit(2);
}

const boot = env();
// The key derived from the session secret must be the one the server uses: `npm start`'s kept secret when none is set.
if (!boot.NEXTAUTH_SECRET) {
  const kept = (await readFile(path.join(path.resolve(boot.ASSAY_DATA_DIR), "secret"), "utf8").catch(() => "")).trim();
  if (kept) process.env.NEXTAUTH_SECRET = kept;
}
const embedded = boot.DATABASE_URL
  ? null
  : await startEmbeddedPostgres({ dir: path.join(path.resolve(boot.ASSAY_DATA_DIR), "postgres"), port: boot.ASSAY_EMBEDDED_PG_PORT });
if (embedded) process.env.DATABASE_URL = embedded.url;
resetEnvCache();

let code = 0;
try {
  await migrateDeploy(env().DATABASE_URL!);
  if (command === "seed") {
    const { created } = await seedDemo(db());
    console.log(created ? "Seeded the demo project (/p/demo)." : "The demo project exists already; nothing changed.");
    if (created) for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(8)} ${u.email.padEnd(22)} ${DEMO_PASSWORD}`);
  } else if (command === "remove-demo") {
    const removed = await removeDemoCredentials(database(), null);
    console.log(`Removed the demo credentials of ${removed} accounts. Their labels stay.`);
  } else if (command === "reencrypt-secrets") {
    const { checked, resealed } = await resealConnectionSecrets(db());
    console.log(`Re-encrypted the secrets of ${resealed} of ${checked} model connections with the current key.`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  code = 1;
} finally {
  await closeDb();
  if (embedded) await embedded.stop();
}
process.exit(code);
