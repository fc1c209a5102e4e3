import path from "node:path";
import { BackupError, backupEmbedded } from "@/lib/db/backup";
import { restoreEmbedded } from "@/lib/db/restore";
import { env } from "@/lib/env";

// `npm run db:backup -- FILE` and `npm run db:restore -- FILE [--force]`: the embedded
// database under ASSAY_DATA_DIR, to and from one .tar.gz (lib/db/backup.ts). A backup may be
// taken while Assay runs; a restore needs it stopped. With DATABASE_URL set the database is
// not Assay's to copy: these print the pg_dump recipe instead (docs/operations.md, "Backups").

const RECIPE = `DATABASE_URL points to an external PostgreSQL: back it up with its own tools, of the server's major version or newer:
  pg_dump --format=custom --file=assay-$(date +%F).dump "$DATABASE_URL"
and restore into an empty database with:
  pg_restore --no-owner --role=assay --dbname="$DATABASE_URL" assay-YYYY-MM-DD.dump
(docs/operations.md, "Backups").`;

const [command, file, ...rest] = process.argv.slice(2);
if (!["backup", "restore"].includes(command) || !file || rest.some((a) => a !== "--force")) {
  console.error("usage: npm run db:backup -- FILE | npm run db:restore -- FILE [--force]");
  process.exit(2);
}

const boot = env();
if (boot.DATABASE_URL) {
  console.error(RECIPE);
  process.exit(2);
}

const dataDir = path.resolve(boot.ASSAY_DATA_DIR);
try {
  if (command === "backup") {
    const started = Date.now();
    const { method, bytes } = await backupEmbedded(dataDir, path.resolve(file));
    const how = method === "online" ? "while it ran (PostgreSQL's backup API)" : "while it was stopped";
    console.log(`Backed up ${dataDir} to ${file} ${how}: ${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } else {
    const restored = await restoreEmbedded(path.resolve(file), dataDir, { force: rest.includes("--force") });
    console.log(`Restored the backup of ${restored.createdAt} (PostgreSQL ${restored.postgres}) into ${dataDir}. Start Assay with \`npm start\`.`);
  }
} catch (error) {
  console.error(error instanceof BackupError ? `${error.code}: ${error.message}` : error);
  process.exit(1);
}
