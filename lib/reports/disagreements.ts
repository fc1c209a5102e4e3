import type { Database } from "@/lib/db/client";
import type { Sql } from "@/lib/db/transaction";
import type { ProjectContext } from "@/lib/auth/context";
import { criterionScale, disagreementByItem, tabulate, withObservedNumbers } from "@/lib/agreement";
import { AppError } from "@/lib/errors";
import { currentGold } from "@/lib/gold/store";
import type { TDisagreementsAnswer, TDisagreementsQuery } from "./answers";
import { type QueueFrame, type UnitLabel, collectLabels, loadFrame, raterNames } from "./frame";
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

interface Ranking {
  frame: QueueFrame;
  criterion: CriterionRow;
  /** Every unit with two or more labels on the criterion, most disputed first. */
  order: { unit: string; score: number }[];
}

async function rank(sql: Sql, ctx: ProjectContext, queueId: string, key: string | undefined): Promise<Ranking> {
  const frame = await loadFrame(sql, ctx, queueId);
  const criterion = key ? frame.criteria.find((c) => c.key === key) : frame.criteria.find((c) => criterionScale(c).kind !== "none");
  if (!criterion) throw new AppError("criterion_not_found", `No criterion "${key ?? ""}" to rank by`, [{ path: "criterion", message: "Unknown criterion" }]);
  const order = ranked(criterion, (await collectLabels(sql, ctx.project.id, frame, "current")).get(criterion.id) ?? []);
  return { frame, criterion, order };
}

type DisputedUnit = TDisagreementsAnswer["items"][number];

/** The units of one page with their labels side by side, comments and gold. */
async function unitsOf(sql: Sql, projectId: string, queueId: string, { frame, criterion }: Ranking, page: Ranking["order"]): Promise<DisputedUnit[]> {
  const pageUnits = new Set(page.map((p) => p.unit));
  const itemIds = [...new Set(page.map((p) => p.unit.split(":")[0]))];
  // The page's items are read again with their times and comments, which the ranking does without.
  const all = new Map<string, UnitLabel[]>();
  const full = await collectLabels(sql, projectId, frame, "current", { itemIds, criterionIds: frame.criteria.map((c) => c.id) }, true);
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
    raterNames(sql, projectId, new Set(onPage.map((l) => l.rater))),
    currentGold(sql, projectId, queueId, itemIds),
    sql.query(
      `SELECT c.id, c.queue_item_id AS "itemId", c.body, c.author_id AS "authorId", u.name AS "authorName", c.created_at AS "createdAt"
         FROM comments c JOIN users u ON u.id = c.author_id WHERE c.project_id = $1 AND c.queue_item_id = ANY($2::uuid[]) ORDER BY c.created_at`,
      [projectId, itemIds],
    ),
  ]);
  return page.map(({ unit, score }) => {
    const { itemId, side } = unitRef(unit);
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
}

/** A unit is an item id, with `:A` or `:B` for one side of a pairwise item. */
function unitRef(unit: string): { itemId: string; side: "A" | "B" | null } {
  const [itemId, side = null] = unit.split(":") as [string, ("A" | "B")?];
  return { itemId, side };
}

const criterionOf = ({ id, key, label, type, measurementLevel }: CriterionRow) => ({ id, key, label, type, measurementLevel });

export async function listDisagreements({ sql }: Database, ctx: ProjectContext, queueId: string, query: TDisagreementsQuery): Promise<TDisagreementsAnswer> {
  const ranking = await rank(sql, ctx, queueId, query.criterion);
  const offset = Number(query.cursor ?? 0);
  const next = offset + query.limit;
  return {
    criterion: criterionOf(ranking.criterion),
    revisions: "current",
    items: await unitsOf(sql, ctx.project.id, queueId, ranking, ranking.order.slice(offset, next)),
    total: ranking.order.length,
    nextCursor: next < ranking.order.length ? String(next) : null,
  };
}

/**
 * One disputed unit wherever it ranks, with its place (1 to `total`) and the units ranked just
 * before and after it: what the settle screen shows and where saving goes next. Null when the
 * unit has fewer than two labels on the criterion.
 */
export async function disputedUnit({ sql }: Database, ctx: ProjectContext, queueId: string, p: { criterion?: string; itemId: string; side: "A" | "B" | null }) {
  const ranking = await rank(sql, ctx, queueId, p.criterion);
  const { order } = ranking;
  const index = order.findIndex((u) => u.unit === (p.side ? `${p.itemId}:${p.side}` : p.itemId));
  if (index < 0) return null;
  const [unit] = await unitsOf(sql, ctx.project.id, queueId, ranking, [order[index]]);
  const neighbour = (at: number) => (order[at] ? unitRef(order[at].unit) : null);
  return {
    criterion: criterionOf(ranking.criterion),
    unit,
    position: index + 1,
    total: order.length,
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
  };
}
