import type { Database } from "@/lib/db/client";
import type { ProjectPage } from "@/lib/http/page-context";
import { isQueueAdjudicator } from "@/lib/queues/adjudicators";
import { listDisagreements } from "./disagreements";
import { unitHref } from "./urls";

// Which disputed unit a settle page shows, the one after it in the ranking, and whether the
// caller may settle it: the page says why not before the server would refuse.

export async function adjudicationUnit(db: Database, ctx: ProjectPage, p: { queueId: string; itemId: string; criterion?: string; side?: string }) {
  const answer = await listDisagreements(db, ctx, p.queueId, { criterion: p.criterion, limit: 100 });
  const index = answer.items.findIndex((u) => u.itemId === p.itemId && (u.side ?? undefined) === (p.side === "A" || p.side === "B" ? p.side : undefined));
  if (index < 0) return "not_disputed" as const;
  const base = `/p/${ctx.project.slug}/queues/${p.queueId}`;
  const next = answer.items[index + 1];
  const unit = answer.items[index];
  const may = ctx.can("queues:adjudicate") || (await isQueueAdjudicator(db.sql, ctx, p.queueId));
  const labelled = unit.labels.some((l) => l.rater === `user:${ctx.actor.userId}`);
  return {
    criterion: { key: answer.criterion.key, label: answer.criterion.label, type: answer.criterion.type },
    unit,
    nextHref: next ? unitHref(base, answer.criterion.key, next) : null,
    listHref: `${base}/disagreements?criterion=${encodeURIComponent(answer.criterion.key)}`,
    refusal: !may ? "Only the queue's adjudicators settle its items." : labelled ? "You labelled this item yourself, so another adjudicator settles it." : null,
  };
}
