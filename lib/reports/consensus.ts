import type { Database } from "@/lib/db/client";
import type { ProjectContext } from "@/lib/auth/context";
import { ConsensusInputError, consensusOf } from "@/lib/consensus";
import type { TGold } from "@/lib/gold/answers";
import { currentGold } from "@/lib/gold/store";
import type { TConsensusAnswer, TConsensusQuery } from "./answers";
import { consensusShape, policyOf } from "./consensus-criterion";
import { type UnitLabel, collectLabels, loadFrame } from "./frame";

// The label of each completed item, computed on read: adjudicated gold, else reference gold,
// else the consensus of the raters' current labels under the queue's policy. Paged by item id.

/** Adjudicated gold wins over reference gold. */
export function goldOfUnit(gold: readonly TGold[], itemId: string, criterionId: string, side: "A" | "B" | null): TGold | null {
  const mine = gold.filter((g) => g.itemId === itemId && g.criterionId === criterionId && g.side === side);
  return mine.find((g) => g.kind === "ADJUDICATED") ?? mine.find((g) => g.kind === "REFERENCE") ?? null;
}

export function consensusOfLabels(policy: ReturnType<typeof policyOf>, criterion: Parameters<typeof consensusShape>[0], labels: readonly UnitLabel[]) {
  const shape = consensusShape(
    criterion,
    labels.map((l) => l.judgment.value!),
  );
  const values = labels.map((l) => shape.toValue(l.judgment.value!)).filter((v) => v !== null);
  try {
    const result = consensusOf(policy, shape.criterion, values);
    return result.value === null ? { value: null, reason: result.reason } : { value: shape.fromValue(result.value), method: result.method };
  } catch (error) {
    if (error instanceof ConsensusInputError) return { value: null, reason: `no consensus: ${error.message}` };
    throw error;
  }
}

export async function queueConsensus({ sql }: Database, ctx: ProjectContext, queueId: string, query: TConsensusQuery): Promise<TConsensusAnswer> {
  const frame = await loadFrame(sql, ctx, queueId);
  const completed = [...frame.items]
    .filter(([id, item]) => item.status === "COMPLETED" && (!query.cursor || id > query.cursor))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const page = completed.slice(0, query.limit);
  const itemIds = page.map(([id]) => id);
  const policy = policyOf(frame.consensusPolicy);
  const [labels, gold] = itemIds.length
    ? await Promise.all([
        collectLabels(sql, ctx.project.id, frame, "current", { itemIds, criterionIds: frame.criteria.map((c) => c.id) }),
        currentGold(sql, ctx.project.id, queueId, itemIds),
      ])
    : [new Map<string, UnitLabel[]>(), []];
  const items = page.map(([itemId, item]) => {
    const sides = item.traceBId ? (["A", "B"] as const) : ([null] as const);
    const criteria = frame.criteria.flatMap((c) =>
      (c.type === "PREFERENCE" || !item.traceBId ? [null] : sides).map((side) => {
        const mine = (labels.get(c.id) ?? []).filter((l) => l.itemId === itemId && l.side === side);
        const consensus = consensusOfLabels(policy, c, mine);
        const settled = goldOfUnit(gold, itemId, c.id, side);
        const label = settled ? settled.value : consensus.value;
        const source = settled ? settled.kind : consensus.value !== null ? ("CONSENSUS" as const) : null;
        return { criterion: c.key, side, labels: mine.length, consensus, gold: settled, label: label ?? null, source };
      }),
    );
    return { itemId, traceId: item.traceId, traceBId: item.traceBId, criteria };
  });
  return { policy: frame.consensusPolicy, items, nextCursor: completed.length > query.limit ? itemIds[itemIds.length - 1] : null };
}
