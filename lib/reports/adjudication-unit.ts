import type { ProjectContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/scopes";
import type { Database } from "@/lib/db/client";
import { isQueueAdjudicator } from "@/lib/queues/adjudicators";
import { disputedUnit } from "./disagreements";
import { DISAGREEMENTS_PAGE, listHref, unitHref } from "./urls";

// Which disputed unit a settle page shows, wherever it ranks: its place in the ranking, the
// units before and after it (saving opens the next one, on whichever page of the list it is),
// the list page it is on, and whether the caller may settle it: the page says why not before
// the server would refuse.

export async function adjudicationUnit(db: Database, ctx: ProjectContext, p: { queueId: string; itemId: string; criterion?: string; side?: string }) {
  const side = p.side === "A" || p.side === "B" ? p.side : null;
  const found = await disputedUnit(db, ctx, p.queueId, { criterion: p.criterion, itemId: p.itemId, side });
  if (!found) return "not_disputed" as const;
  const base = `/p/${ctx.project.slug}/queues/${p.queueId}`;
  const key = found.criterion.key;
  const may = can(ctx, "queues:adjudicate") || (await isQueueAdjudicator(db.sql, ctx, p.queueId));
  const rater = ctx.actor.kind === "user" ? `user:${ctx.actor.userId}` : null;
  const labelled = found.unit.labels.some((l) => l.rater === rater);
  return {
    criterion: { key, label: found.criterion.label, type: found.criterion.type },
    unit: found.unit,
    position: found.position,
    total: found.total,
    previousHref: found.previous ? unitHref(base, key, found.previous) : null,
    nextHref: found.next ? unitHref(base, key, found.next) : null,
    listHref: listHref(base, key, Math.floor((found.position - 1) / DISAGREEMENTS_PAGE) * DISAGREEMENTS_PAGE),
    refusal: !may ? "Only the queue's adjudicators settle its items." : labelled ? "You labelled this item yourself, so another adjudicator settles it." : null,
  };
}
