import type { Database } from "@/lib/db/client";
import type { ProjectContext } from "@/lib/auth/context";
import { criterionScale, disagreementByItem, tabulate, withObservedNumbers } from "@/lib/agreement";
import { AppError } from "@/lib/errors";
import { currentGold } from "@/lib/gold/store";
import type { TDisagreementsAnswer, TDisagreementsQuery } from "./answers";
import { type UnitLabel, collectLabels, loadFrame, raterNames } from "./frame";
import type { CriterionRow } from "./scale";

// The items to settle first: ranked by how much their raters disagree on one criterion, each
// with the labels side by side (rater, value, comment, free-text rationale), the item's
// comments and its gold. Current revisions: what an adjudicator chooses among.

function jaccard(x: readonly string[], y: readonly string[]): number {
  const union = new Set([...x, ...y]);
  if (union.size === 0) return 1;
  const ys = new Set(y);
  return x.filter((o) => ys.has(o)).length / union.size;
}

function ranked(criterion: CriterionRow, labels: UnitLabel[]): { unit: string; score: number }[] {
  const scale = criterionScale(criterion);
  if (scale.kind === "none")
    throw new AppError("validation_failed", `"${criterion.key}" is free text: it has no disagreement score`, [{ path: "criterion", message: "Free text" }]);
  if (scale.kind === "multi") {
    const perUnit = new Map<string, string[][]>();
    for (const l of labels) perUnit.set(l.unit, [...(perUnit.get(l.unit) ?? []), l.judgment.value as string[]]);
    const scores: { unit: string; score: number }[] = [];
    for (const [unit, values] of perUnit) {
      if (values.length < 2) continue;
      let sum = 0;
      let pairs = 0;
      for (let i = 0; i < values.length; i++) for (let j = i + 1; j < values.length; j++, pairs++) sum += jaccard(values[i], values[j]);
      scores.push({ unit, score: 1 - sum / pairs });
    }
    return scores.sort((a, b) => b.score - a.score || (a.unit < b.unit ? -1 : 1));
  }
  const ratings = labels.map((l) => ({ item: l.unit, rater: l.rater, value: scale.toValue(l.judgment.value!) }));
  const data = tabulate(
    ratings,
    withObservedNumbers(
      scale.scale,
      ratings.flatMap((r) => (r.value === null ? [] : [r.value])),
    ),
  );
  return disagreementByItem(data).map((d) => ({ unit: d.item, score: d.score }));
}

export async function listDisagreements({ sql }: Database, ctx: ProjectContext, queueId: string, query: TDisagreementsQuery): Promise<TDisagreementsAnswer> {
  const frame = await loadFrame(sql, ctx, queueId);
  const criterion = query.criterion ? frame.criteria.find((c) => c.key === query.criterion) : frame.criteria.find((c) => criterionScale(c).kind !== "none");
  if (!criterion)
    throw new AppError("criterion_not_found", `No criterion "${query.criterion ?? ""}" to rank by`, [{ path: "criterion", message: "Unknown criterion" }]);
  const order = ranked(criterion, (await collectLabels(sql, ctx.project.id, frame, "current")).get(criterion.id) ?? []);
  const offset = Number(query.cursor ?? 0);
  const page = order.slice(offset, offset + query.limit);
  const pageUnits = new Set(page.map((p) => p.unit));
  const itemIds = [...new Set(page.map((p) => p.unit.split(":")[0]))];
  // The page's items are read again with their times and comments, which the ranking does without.
  const all = new Map<string, UnitLabel[]>();
  const full = await collectLabels(sql, ctx.project.id, frame, "current", { itemIds, criterionIds: frame.criteria.map((c) => c.id) }, true);
  for (const [id, list] of full) all.set(id, list);
  const labels = all.get(criterion.id) ?? [];
  const rationale = new Map<string, { criterion: string; text: string }[]>();
  for (const c of frame.criteria.filter((c) => criterionScale(c).kind === "none")) {
    for (const l of all.get(c.id) ?? []) {
      if (!itemIds.includes(l.itemId)) continue;
      const at = `${l.itemId}|${l.rater}`;
      rationale.set(at, [...(rationale.get(at) ?? []), { criterion: c.key, text: String(l.judgment.value) }]);
    }
  }
  const onPage = labels.filter((l) => pageUnits.has(l.unit));
  const [names, gold, comments] = await Promise.all([
    raterNames(sql, ctx.project.id, new Set(onPage.map((l) => l.rater))),
    currentGold(sql, ctx.project.id, queueId, itemIds),
    sql.query(
      `SELECT c.id, c.queue_item_id AS "itemId", c.body, c.author_id AS "authorId", u.name AS "authorName", c.created_at AS "createdAt"
         FROM comments c JOIN users u ON u.id = c.author_id WHERE c.project_id = $1 AND c.queue_item_id = ANY($2::uuid[]) ORDER BY c.created_at`,
      [ctx.project.id, itemIds],
    ),
  ]);
  const items = page.map(({ unit, score }) => {
    const [itemId, side = null] = unit.split(":") as [string, ("A" | "B")?];
    const item = frame.items.get(itemId)!;
    return {
      itemId,
      side,
      traceId: item.traceId,
      traceBId: item.traceBId,
      status: item.status,
      disagreement: score,
      labels: onPage
        .filter((l) => l.unit === unit)
        .map((l) => ({
          labelId: l.id,
          rater: l.rater,
          raterName: names.get(l.rater)?.name ?? l.rater,
          value: l.judgment.value,
          comment: l.judgment.comment ?? null,
          rationale: rationale.get(`${itemId}|${l.rater}`) ?? [],
          submittedAt: l.judgment.firstSubmittedAt!.toISOString(),
          revision: l.judgment.revision,
        })),
      comments: comments.rows
        .filter((c) => c.itemId === itemId)
        .map(({ itemId: _, createdAt, ...c }) => ({ ...c, createdAt: new Date(createdAt).toISOString() })),
      gold: gold.filter((g) => g.itemId === itemId && g.criterionId === criterion.id && g.side === side),
    };
  });
  const next = offset + query.limit;
  return {
    criterion: { id: criterion.id, key: criterion.key, label: criterion.label, type: criterion.type, measurementLevel: criterion.measurementLevel },
    revisions: "current",
    items,
    total: order.length,
    nextCursor: next < order.length ? String(next) : null,
  };
}
