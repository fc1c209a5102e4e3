import type { Tx } from "@/lib/db/client";
import type { Sql } from "@/lib/db/transaction";

// What keeps a submit and a change of N apart: a transaction-scoped advisory lock per queue,
// shared by submits and held alone by a change of N. A submit takes it in its own statement
// before the one that counts, so that statement's snapshot already sees any change of N that
// committed while it waited, and the overlap it counts against is the one in force. Submits
// share it without touching the queue row, which every claim and submit would otherwise lock
// at once (each such lock is a write to the row, and concurrent ones a multixact). The
// two-key form keeps this namespace apart from any single-key advisory lock.

const NAMESPACE = 0x41_51_4e_31;
const LOCK = (mode: "shared" | "exclusive") =>
  `SELECT ${mode === "shared" ? "pg_advisory_xact_lock_shared" : "pg_advisory_xact_lock"}(${NAMESPACE}, hashtext($1::text))`;

/** Inside a submit's transaction, before the statement that counts: waits out a change of N in flight. */
export async function shareOverlap(client: Sql, queueId: string): Promise<void> {
  await client.query(LOCK("shared"), [queueId]);
}

/** Inside a change of N, right after the queue row: waits for submits in flight and keeps new ones out until commit. */
export async function holdOverlap(tx: Tx | Sql, queueId: string): Promise<void> {
  if ("$executeRawUnsafe" in tx) await tx.$executeRawUnsafe(LOCK("exclusive"), queueId);
  else await tx.query(LOCK("exclusive"), [queueId]);
}
