import type { ProjectContext } from "@/lib/auth/context";
import type { Sql } from "@/lib/db/transaction";
import { currentGold } from "@/lib/gold/store";
import type { THumanEvidence } from "@/lib/judges/reference";
import { consensusOfLabels, goldOfUnit } from "@/lib/reports/consensus";
import { policyOf } from "@/lib/reports/consensus-criterion";
import { type UnitLabel, collectLabels, loadFrame } from "@/lib/reports/frame";
import type { TJudgmentValue } from "@/lib/scores/codec";

// What people said about each target a judge rates, read the way the agreement report reads
// it (lib/reports/frame.ts): the labels of every queue on the judge's rubric version, the
// queue's external HUMAN raters included; first revisions for each rater's own value (the
// ceiling, "any", one named rater), current ones for consensus; gold as adjudicated, then
// reference. A single-trace judge's target is the item's trace, a pairwise judge's the item.

export interface TTargetEvidence extends THumanEvidence {
  traceId: string;
  /** The second trace of a pairwise item; null for single-trace items. */
  traceBId: string | null;
  queueItemId: string;
  /** Current labels with their raters, shown beside a disagreement. */
  labels: { rater: string; value: TJudgmentValue }[];
}

export async function humanEvidence(
  sql: Sql,
  ctx: ProjectContext,
  scope: { rubricVersionId: string; criterionId: string; mode: "single" | "pairwise" },
): Promise<Map<string, TTargetEvidence>> {
  const { rows } = await sql.query(`SELECT id FROM queues WHERE project_id = $1 AND rubric_version_id = $2 AND mode = $3 ORDER BY created_at, id`, [
    ctx.project.id,
    scope.rubricVersionId,
    scope.mode === "pairwise" ? "PAIRWISE" : "SINGLE",
  ]);
  const evidence = new Map<string, TTargetEvidence>();
  for (const { id: queueId } of rows as { id: string }[]) {
    const frame = await loadFrame(sql, ctx, queueId);
    const criterion = frame.criteria.find((c) => c.id === scope.criterionId);
    if (!criterion) continue;
    const [first, current, gold] = await Promise.all([
      // With their times: "any single rater" is the earliest rating, not the first read.
      collectLabels(sql, ctx.project.id, frame, "first", undefined, true),
      collectLabels(sql, ctx.project.id, frame, "current"),
      currentGold(sql, ctx.project.id, queueId),
    ]);
    const byItem = (labels: UnitLabel[] | undefined) => {
      const map = new Map<string, UnitLabel[]>();
      for (const l of labels ?? []) if (l.side === null) map.set(l.itemId, [...(map.get(l.itemId) ?? []), l]);
      return map;
    };
    const firsts = byItem(first.get(criterion.id));
    const currents = byItem(current.get(criterion.id));
    const policy = policyOf(frame.consensusPolicy);
    for (const [itemId, item] of frame.items) {
      if (!item.traceId) continue;
      const key = scope.mode === "pairwise" ? itemId : item.traceId;
      const mine = currents.get(itemId) ?? [];
      const settled = (goldOfUnit(gold, itemId, criterion.id, null)?.value ?? null) as TJudgmentValue | null;
      const consensus = mine.length ? (consensusOfLabels(policy, criterion, mine).value as TJudgmentValue | null) : null;
      const ratings = (firsts.get(itemId) ?? [])
        .map((l) => ({ rater: l.rater, value: l.judgment.value as TJudgmentValue, at: l.judgment.firstSubmittedAt?.getTime() ?? 0 }))
        .sort((a, b) => a.at - b.at)
        .map(({ rater, value }) => ({ rater, value }));
      if (settled === null && ratings.length === 0) continue;
      const known = evidence.get(key);
      if (!known) {
        evidence.set(key, {
          traceId: item.traceId,
          traceBId: item.traceBId,
          queueItemId: itemId,
          gold: settled,
          consensus: consensus ?? null,
          ratings,
          labels: mine.map((l) => ({ rater: l.rater, value: l.judgment.value as TJudgmentValue })),
        });
        continue;
      }
      // A trace in several queues: the earlier queue's gold and consensus stand, each rater counts once.
      const raters = new Set(known.ratings.map((r) => r.rater));
      known.gold ??= settled;
      known.consensus ??= consensus ?? null;
      known.ratings = [...known.ratings, ...ratings.filter((r) => !raters.has(r.rater))];
    }
  }
  return evidence;
}
