import pg from "pg";
import type { Tx } from "./client";

// A long result read a batch at a time through one server-side cursor: the query is planned
// once and walks its indexes once, where paging by key plans and seeks again for every page.
// Memory holds one batch; the next is fetched only when the reader asks for it.

const BATCH = 2_000;
const NAME = "assay_batches";

type TQuery = (text: string, values: unknown[]) => Promise<unknown[]>;

async function* fetchAll<T>(query: TQuery, text: string, values: unknown[], batch: number): AsyncGenerator<T[]> {
  await query(`DECLARE ${NAME} NO SCROLL CURSOR FOR ${text}`, values);
  for (;;) {
    const rows = (await query(`FETCH ${batch} FROM ${NAME}`, [])) as T[];
    if (rows.length) yield rows;
    if (rows.length < batch) break;
  }
  await query(`CLOSE ${NAME}`, []);
}

/**
 * The same with the next batch asked for before this one is handed over: the database reads and
 * sends it while the reader works through this one (on two cores, about a third of an export's
 * time was spent waiting for the next batch). Memory holds two batches at most.
 */
async function* fetchAhead<T>(query: TQuery, text: string, values: unknown[], batch: number): AsyncGenerator<T[]> {
  await query(`DECLARE ${NAME} NO SCROLL CURSOR FOR ${text}`, values);
  const fetch = () => {
    const rows = query(`FETCH ${batch} FROM ${NAME}`, []) as Promise<T[]>;
    // A reader that stops early leaves the last fetch unawaited: its failure is the connection's, handled below.
    rows.catch(() => {});
    return rows;
  };
  let next: Promise<T[]> | null = fetch();
  while (next) {
    const rows: T[] = await next;
    next = rows.length < batch ? null : fetch();
    if (rows.length) yield rows;
  }
  await query(`CLOSE ${NAME}`, []);
}

/**
 * The rows of `text` in batches, on a connection of its own inside a read-only REPEATABLE READ
 * transaction, so the whole read sees one snapshot. The connection goes back to the pool when
 * the read ends, fails or is abandoned (the generator returned early, as when a download is
 * cancelled): an open transaction is rolled back first, and a connection in doubt is discarded.
 */
export async function* cursorBatches<T>(sql: pg.Pool, text: string, values: unknown[], batch = BATCH): AsyncGenerator<T[]> {
  const client = await sql.connect();
  const query: TQuery = async (q, v) => (await client.query(q, v)).rows;
  let open = false;
  let broken: Error | undefined;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    open = true;
    yield* fetchAhead<T>(query, text, values, batch);
    await client.query("COMMIT");
    open = false;
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    if (open && !broken) await client.query("ROLLBACK").catch((error: Error) => (broken = error));
    client.release(broken);
  }
}

/** The same inside a transaction already open (the cursor lives and dies with it). */
export function cursorBatchesIn<T>(tx: Tx, text: string, values: unknown[], batch = BATCH): AsyncGenerator<T[]> {
  return fetchAll<T>((q, v) => tx.$queryRawUnsafe(q, ...v), text, values, batch);
}
