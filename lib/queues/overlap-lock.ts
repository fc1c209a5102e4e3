import type { Tx } from "@/lib/db/client";
import type { Sql } from "@/lib/db/transaction";

// What keeps a submit and a change of N apart: a transaction-scoped advisory lock per queue,
// shared by submits and held alone by a change of N (SQL functions in the migration
// `queue_overlap_lock`). A submit shares it inside its one statement, through
// `queue_overlap_in_force`, which reads the overlap on a fresh snapshot once it holds the
// lock, so the overlap it counts against is the one in force. Submits no longer lock the queue
// row, which every claim and submit would otherwise lock at once (each such lock a write to
// the row, concurrent ones a multixact).

/** Inside a change of N, right after the queue row: waits for submits in flight and keeps new ones out until commit. */
export async function holdOverlap(tx: Tx | Sql, queueId: string): Promise<void> {
  const hold = `SELECT queue_overlap_hold($1::uuid)`;
  if ("$executeRawUnsafe" in tx) await tx.$executeRawUnsafe(hold, queueId);
  else await tx.query(hold, [queueId]);
}
