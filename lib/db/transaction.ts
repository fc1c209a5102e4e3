import pg from "pg";
import { type Db, type Tx, isDatabaseUnavailable } from "./client";

// The one place that opens transactions and decides when a failed one is tried again.
// Postgres aborts one party of a deadlock (40P01) and, under serializable isolation, one
// party of a conflict (40001); the work was rolled back whole, so running it again is safe
// and is what Postgres asks for. Attempts are bounded, and spaced by a random wait so that
// two parties that collided once do not collide again in step.

/** A pool or one connection: the labeling hot path runs plain SQL on either. */
export type Sql = pg.Pool | pg.ClientBase;

const RETRYABLE = new Set(["40P01", "40001"]);
const ATTEMPTS = 4;
const BASE_DELAY_MS = 10;

/** The SQLSTATE of a Postgres error, as pg reports it. */
export function pgCode(error: unknown): string | undefined {
  return error && typeof error === "object" && "code" in error ? String((error as { code: unknown }).code) : undefined;
}

/**
 * Whether an error says "try the whole transaction again": from pg directly, or as Prisma
 * reports it (P2034, or the driver's SQLSTATE carried in the error's cause or meta).
 */
export function isRetryable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const stack = [error];
  while (stack.length) {
    const e = stack.pop();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const fields = e as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: unknown };
    if (fields.code === "P2034") return true;
    if (RETRYABLE.has(String(fields.code)) || RETRYABLE.has(String(fields.originalCode))) return true;
    stack.push(fields.cause, fields.meta);
    if (fields.meta && typeof fields.meta === "object") stack.push(...Object.values(fields.meta));
  }
  return false;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` (a whole transaction, or one statement outside a transaction) and runs it
 * again when Postgres rolled it back as a deadlock or serialization victim.
 */
export async function withRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      // Full jitter over a window that doubles with each attempt: 0–20, 0–40, 0–80 ms.
      await sleep(Math.random() * BASE_DELAY_MS * 2 ** attempt);
    }
  }
}

/** `fn` in one transaction on a pg connection (taken from the pool when given one). */
export function transaction<T>(sql: Sql, fn: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  return withRetry(async () => {
    const pooled = sql instanceof pg.Pool;
    const client = pooled ? await sql.connect() : sql;
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      // A connection that lost its server goes back destroyed, not to the next caller.
      if (isDatabaseUnavailable(error)) broken = error as Error;
      throw error;
    } finally {
      if (pooled) (client as pg.PoolClient).release(broken);
    }
  });
}

/** `fn` in one Prisma interactive transaction. */
export function prismaTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>, options?: { timeout?: number }): Promise<T> {
  return withRetry(() => db.$transaction(fn, options));
}
