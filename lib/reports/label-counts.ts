import type { Database } from "@/lib/db/client";
import type { ProjectContext } from "@/lib/auth/context";
import type { TLabelCounts } from "./answers";
import { queueConsensus } from "./consensus";

// How each criterion's completed items got their label (adjudicated gold, reference gold,
// the raters' consensus, or none yet), counted over every page of the consensus read.

export async function labelCounts(db: Database, ctx: ProjectContext, queueId: string): Promise<TLabelCounts> {
  const counts: TLabelCounts = {};
  let cursor: string | undefined;
  do {
    const page = await queueConsensus(db, ctx, queueId, { cursor, limit: 1000 });
    for (const item of page.items) {
      for (const c of item.criteria) {
        const row = (counts[c.criterion] ??= { ADJUDICATED: 0, REFERENCE: 0, CONSENSUS: 0, none: 0 });
        row[c.source ?? "none"] += 1;
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return counts;
}
