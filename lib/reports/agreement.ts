import type { Database } from "@/lib/db/client";
import type { ProjectContext } from "@/lib/auth/context";
import type { TAgreementQuery, TAgreementReport } from "./answers";
import { criterionFigures, ranked } from "./figures";
import { collectRatings, loadFrame, raterNames } from "./frame";

// A queue's agreement report, computed on request from the labels (never a stored copy): the
// first submitted revision of each rater, per criterion, at the criterion's own level.

export const NOT_INDEPENDENT = "labels not independent: raters could see each other's";

export async function agreementReport({ sql }: Database, ctx: ProjectContext, queueId: string, query: TAgreementQuery = {}): Promise<TAgreementReport> {
  const frame = await loadFrame(sql, ctx, queueId);
  const withIds = query.ids === "true";
  const ratings = ranked(await collectRatings(sql, ctx.project.id, frame, "first", { keep: withIds ? "ids" : "values" }));
  const perRater = new Map<string, number>();
  for (const list of ratings.byCriterion.values()) for (const r of list.rater) perRater.set(ratings.raters[r], (perRater.get(ratings.raters[r]) ?? 0) + 1);
  const names = await raterNames(sql, ctx.project.id, perRater.keys());
  return {
    queue: { id: frame.id, name: frame.name, mode: frame.mode, blind: frame.blind, rubricVersionId: frame.rubricVersionId },
    thresholds: frame.thresholds,
    independence: { independent: frame.blind, note: frame.blind ? null : NOT_INDEPENDENT },
    revisions: "first",
    raters: [...perRater]
      .map(([key, count]) => ({ key, ...(names.get(key) ?? { kind: "external" as const, name: key }), labels: count }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key)),
    criteria: frame.criteria.map((c) => criterionFigures(c, ratings, frame.thresholds, withIds)),
    computedAt: new Date().toISOString(),
  };
}
