import { execFile } from "node:child_process";
import { chown, lstat, mkdir, mkdtemp, readFile, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { x } from "tar";
import { walk } from "./archive";
import { BackupError, MANIFEST, clusterPaths, exists, runningCluster } from "./backup";

// `npm run db:restore`: a backup made by lib/db/backup.ts back into a data directory. The
// archive is unpacked beside its destination first and moved into place only when it holds a
// cluster, so a broken file leaves the directory as it was. The cluster's first start then
// replays the WAL the backup carries (PostgreSQL reads its backup_label).

const run = promisify(execFile);

export interface RestoreSummary {
  method: string;
  postgres: string;
  createdAt: string;
}

/** As root, PostgreSQL runs as the `postgres` user (lib/db/embedded.ts), which must own its files. */
async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const ids = async () => ({ uid: Number((await run("id", ["-u", "postgres"])).stdout), gid: Number((await run("id", ["-g", "postgres"])).stdout) });
  try {
    return await ids();
  } catch {
    await run("groupadd", ["postgres"]).catch(() => {});
    await run("useradd", ["-g", "postgres", "postgres"]);
    return ids();
  }
}

async function chownTree(root: string, { uid, gid }: { uid: number; gid: number }) {
  await chown(root, uid, gid);
  for await (const relative of walk(root, () => false)) await chown(path.join(root, relative), uid, gid);
}

/**
 * Restores `file` into `dataDir` (ASSAY_DATA_DIR): its cluster, password and session secret.
 * Refuses a directory whose cluster is running, and one that is not empty unless `force`,
 * which replaces the cluster and secret there.
 */
export async function restoreEmbedded(file: string, dataDir: string, { force = false } = {}): Promise<RestoreSummary> {
  const paths = clusterPaths(dataDir);
  if (!(await exists(file))) throw new BackupError("not_a_backup", `${file} does not exist`);
  if (await runningCluster(paths.clusterDir)) throw new BackupError("cluster_running", `the database in ${paths.dataDir} is running: stop Assay first`);
  const present = await readdir(paths.dataDir).catch(() => [] as string[]);
  if (present.length > 0 && !force)
    throw new BackupError("target_not_empty", `${paths.dataDir} is not empty: restore into a new directory, or add --force to replace its database`);

  await mkdir(paths.dataDir, { recursive: true });
  const staging = await mkdtemp(path.join(paths.dataDir, ".restore-"));
  try {
    await x({ file, cwd: staging, strict: true, preserveOwner: false }).catch((error: Error) => {
      throw new BackupError("not_a_backup", `${file} is not a readable .tar.gz: ${error.message}`);
    });
    const manifest = await readFile(path.join(staging, MANIFEST), "utf8").catch(() => null);
    if (!manifest || !(await exists(path.join(staging, "postgres/cluster/PG_VERSION"))))
      throw new BackupError("not_a_backup", `${file} is not a backup made by \`npm run db:backup\``);
    if (process.getuid?.() === 0) await chownTree(path.join(staging, "postgres/cluster"), await postgresUser());

    await rm(paths.postgresDir, { recursive: true, force: true });
    await rename(path.join(staging, "postgres"), paths.postgresDir);
    const secret = path.join(staging, "secret");
    if (await lstat(secret).catch(() => null)) await rename(secret, path.join(paths.dataDir, "secret"));
    const { method, postgres, createdAt } = JSON.parse(manifest) as RestoreSummary;
    return { method, postgres, createdAt };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
