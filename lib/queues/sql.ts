import pg from "pg";

// The labeling hot path (claim, draft, submit, skip) runs as plain SQL on a pg pool or client:
// one round trip per statement, and row locks Prisma cannot ask for (SKIP LOCKED).
//
// Simple lookups on that path are named (prepared once per connection). The claim and the
// submit are not: a prepared statement may switch to a generic plan, and for the claim's
// ordered, filtered slot scan a generic plan was many times slower than one made for the
// actual queue and rater.

export type Sql = pg.Pool | pg.ClientBase;

const RETRYABLE = new Set(["40P01", "40001"]); // deadlock, serialization failure

/** Runs `fn` in one transaction; retried when Postgres picked it as a deadlock victim. */
export async function transaction<T>(sql: Sql, fn: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = sql instanceof pg.Pool ? await sql.connect() : sql;
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      if (attempt < 3 && RETRYABLE.has(pgCode(error) ?? "")) continue;
      throw error;
    } finally {
      if (sql instanceof pg.Pool) (client as pg.PoolClient).release();
    }
  }
}

export function pgCode(error: unknown): string | undefined {
  return error && typeof error === "object" && "code" in error ? String((error as { code: unknown }).code) : undefined;
}

/** Opaque cursors: base64url of a JSON array of the last row's sort keys. */
export function encodeCursor(keys: unknown[]): string {
  return Buffer.from(JSON.stringify(keys)).toString("base64url");
}

export function decodeCursor(cursor: string | undefined, length: number): string[] | null {
  if (!cursor) return null;
  try {
    const keys = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(keys) && keys.length === length && keys.every((k) => typeof k === "string")) return keys;
  } catch {
    // fall through: a cursor we did not make names nothing
  }
  return null;
}
