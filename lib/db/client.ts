import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { PrismaClient } from "./generated/client";

/** A Prisma client over a pg pool: the process's own, or one connection's (`lib/db/one-transaction.ts`). */
export function prismaOn(pool: pg.Pool) {
  return new PrismaClient({
    adapter: new PrismaPg(pool),
    // Secret columns never leave the database unless a query asks for them by name.
    omit: {
      user: { passwordHash: true },
      apiKey: { keyHash: true },
      invitation: { tokenHash: true },
      passwordReset: { tokenHash: true },
      modelConnection: { apiKeySecret: true, headersSecret: true },
    },
  });
}

function createClient(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
  // A client that loses its connection must not crash the process: an idle one is reported
  // to the pool's listener; a checked-out one to its own, while its holder's queries fail
  // and the holder releases it as broken.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  return { prisma: prismaOn(pool), pool };
}

export type Db = ReturnType<typeof createClient>["prisma"];
/** A client or an open transaction: services accept either. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const globalStore = globalThis as unknown as { __assayDb?: ReturnType<typeof createClient> };

function instance() {
  if (!globalStore.__assayDb) {
    const url = env().DATABASE_URL;
    if (!url) throw new AppError("database_unavailable", "DATABASE_URL is not set");
    globalStore.__assayDb = createClient(url);
  }
  return globalStore.__assayDb;
}

/** The process-wide Prisma client. */
export function db(): Db {
  return instance().prisma;
}

/** The same pool Prisma uses, for what Prisma cannot do (COPY, cursors, SKIP LOCKED). */
export function pool(): pg.Pool {
  return instance().pool;
}

/** The pool's connections (held, idle) and queries waiting for one; null until the pool is first used. */
export function poolStats(): { total: number; idle: number; waiting: number } | null {
  const current = globalStore.__assayDb?.pool;
  return current ? { total: current.totalCount, idle: current.idleCount, waiting: current.waitingCount } : null;
}

/**
 * The one database handle services receive: Prisma and raw SQL over the same pool. The route
 * wrapper and the page context hand it over, so no route or page picks a client itself; a
 * service passes on the part its queries need.
 */
export interface Database {
  prisma: Db;
  sql: pg.Pool;
}

// Each part is opened on first use, so a route or page that never reaches the database
// does not need one configured, and an unreachable one fails where it is used (a 503).
const handle: Database = {
  get prisma() {
    return db();
  },
  get sql() {
    return pool();
  },
};

/** The process-wide handle. */
export function database(): Database {
  return handle;
}

export async function closeDb(): Promise<void> {
  const current = globalStore.__assayDb;
  globalStore.__assayDb = undefined;
  if (current) {
    await current.prisma.$disconnect();
    await current.pool.end().catch(() => {});
  }
}

const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "EAI_AGAIN",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
  "P1001",
  "P1002",
  "P1017",
]);

/** True when an error means the database cannot be reached (as opposed to a bad query). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof e.code === "string" && UNREACHABLE_CODES.has(e.code)) return true;
    if (e.kind === "DatabaseNotReachable" || e.kind === "SocketTimeout") return true;
    if (typeof e.message === "string" && /Connection terminated|timeout exceeded when trying to connect|Can't reach database/i.test(e.message)) return true;
    if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = e.cause;
  }
  return false;
}
