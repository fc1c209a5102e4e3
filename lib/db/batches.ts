import type pg from "pg";
import type { Tx } from "./client";

// A long result read a batch at a time through one server-side cursor: the query is planned
// once and walks its indexes once, where paging by key plans and seeks again for every page.
// Memory holds a batch or two: nothing is fetched beyond the one after what the reader has.

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
 * The same, asking for the next batch before handing out the one in hand: the database reads
 * it while the reader works on this one, instead of each waiting for the other. Memory holds
 * two batches. The batch asked for ahead is always awaited (its failure then thrown), or
 * left to settle when the reader stops early: the connection queues whatever follows behind it.
 */
async function* fetchAhead<T>(query: TQuery, text: string, values: unknown[], batch: number): AsyncGenerator<T[]> {
  await query(`DECLARE ${NAME} NO SCROLL CURSOR FOR ${text}`, values);
  const fetch = () => {
    const next = query(`FETCH ${batch} FROM ${NAME}`, []) as Promise<T[]>;
    next.catch(() => {});
    return next;
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
