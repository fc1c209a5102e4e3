import type { ProjectContext } from "@/lib/auth/context";
import { ConsensusInputError, type ConsensusUnit, type ConsensusValue, raterFigures } from "@/lib/consensus";
import type { Sql } from "@/lib/db/transaction";
import { currentGold } from "@/lib/gold/store";
import { goldOfUnit } from "./consensus";
import { consensusShape, policyOf } from "./consensus-criterion";
import { type UnitLabel, collectLabels, loadFrame } from "./frame";

// Each rater against the others, per criterion, beside a queue's progress: agreement with the
// leave-one-out consensus of the other raters (their own vote cannot inflate it), with gold,
// and the mean offset from the others (leniency). First submitted revisions, like every
// rater statistic; gold as it stands.

export interface ExpertFigure {
  criterion: string;
  items: number;
  agreementWithOthers: number | null;
  agreementWithGold: number | null;
  meanOffset: number | null;
}

/** Per rater key (`user:<id>`, …), their figures on each criterion that has a coefficient. */
export async function expertFigures(sql: Sql, ctx: ProjectContext, queueId: string): Promise<Map<string, ExpertFigure[]>> {
  const frame = await loadFrame(sql, ctx, queueId);
  const [labels, gold] = await Promise.all([collectLabels(sql, ctx.project.id, frame, "first"), currentGold(sql, ctx.project.id, queueId)]);
  const policy = policyOf(frame.consensusPolicy);
  const byRater = new Map<string, ExpertFigure[]>();
  for (const criterion of frame.criteria) {
    const list = labels.get(criterion.id) ?? [];
    const shape = consensusShape(
      criterion,
      list.map((l) => l.judgment.value!),
    );
    if (shape.criterion.level === "none" || list.length === 0) continue;
    const perUnit = new Map<string, UnitLabel[]>();
    for (const l of list) perUnit.set(l.unit, [...(perUnit.get(l.unit) ?? []), l]);
    const units: ConsensusUnit[] = [];
    for (const [unit, unitLabels] of perUnit) {
      const values = new Map<string, ConsensusValue>();
      for (const l of unitLabels) {
        const value = shape.toValue(l.judgment.value!);
        if (value !== null) values.set(l.rater, value);
      }
      const settled = goldOfUnit(gold, unitLabels[0].itemId, criterion.id, unitLabels[0].side);
      const goldValue = settled?.value === undefined || settled.value === null ? null : shape.toValue(settled.value as never);
      units.push({ unit, byRater: values, ...(goldValue === null ? {} : { gold: goldValue }) });
    }
    try {
      for (const figure of raterFigures(policy, shape.criterion, units)) {
        const { rater, ...rest } = figure;
        byRater.set(rater, [...(byRater.get(rater) ?? []), { criterion: criterion.key, ...rest }]);
      }
    } catch (error) {
      if (!(error instanceof ConsensusInputError)) throw error;
    }
  }
  return byRater;
}
