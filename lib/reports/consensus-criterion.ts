import type { ConsensusCriterion, ConsensusPolicy, ConsensusValue } from "@/lib/consensus";
import type { TJudgmentValue } from "@/lib/scores/codec";
import { PREFERENCE_ORDER } from "@/lib/agreement";
import type { CriterionRow } from "./scale";

// A rubric criterion as the consensus rules see it (pure): its level, declared order, step
// or options, and how a stored label becomes a consensus value and back.

export const policyOf = (policy: "UNANIMOUS" | "MAJORITY" | "MEDIAN" | "MEAN"): ConsensusPolicy => policy.toLowerCase() as ConsensusPolicy;

export interface ConsensusShape {
  criterion: ConsensusCriterion;
  /** null: no value for consensus (a preference's BOTH_BAD at the ordinal level). */
  toValue: (value: TJudgmentValue) => ConsensusValue | null;
  /** The consensus value as a label value of the criterion. */
  fromValue: (value: ConsensusValue) => TJudgmentValue;
}

const same = { toValue: (v: TJudgmentValue) => v as ConsensusValue, fromValue: (v: ConsensusValue) => v as TJudgmentValue };

/** `observed`: an ordinal NUMERIC criterion is ordered by its numbers, the ones given. */
export function consensusShape(c: CriterionRow, observed: readonly TJudgmentValue[] = []): ConsensusShape {
  const level = c.measurementLevel.toLowerCase() as "nominal" | "ordinal" | "interval" | "ratio";
  const config = c.config as Record<string, unknown>;
  const options = ((config.options as { value: string }[] | undefined) ?? []).map((o) => o.value);
  switch (c.type) {
    case "TEXT":
    case "CORRECTION":
      return { criterion: { level: "none" }, ...same };
    case "MULTI":
      return { criterion: { level: "multi", options }, ...same };
    case "BINARY":
      return { criterion: { level: "nominal" }, ...same };
    case "SCALE": {
      const levels = ((config.levels as { value: number }[] | undefined) ?? []).map((l) => l.value);
      return { criterion: level === "ordinal" ? { level, order: levels } : { level: "interval", step: 1 }, ...same };
    }
    case "CATEGORICAL":
      return { criterion: level === "ordinal" ? { level, order: options } : { level: "nominal" }, ...same };
    case "NUMERIC": {
      if (level === "ordinal") return { criterion: { level, order: [...new Set(observed as number[])].sort((a, b) => a - b) }, ...same };
      const step = typeof config.step === "number" ? config.step : undefined;
      return { criterion: { level: level === "ratio" ? "ratio" : "interval", ...(step ? { step } : {}) }, ...same };
    }
    case "PREFERENCE": {
      const choiceOf = (v: TJudgmentValue) => (typeof v === "string" ? { choice: v, strength: null } : (v as { choice: string; strength: number | null }));
      if (level !== "ordinal") return { criterion: { level: "nominal" }, toValue: (v) => choiceOf(v).choice, fromValue: (v) => v as string };
      return {
        criterion: { level: "ordinal", order: PREFERENCE_ORDER },
        toValue: (v) => {
          const { choice, strength } = choiceOf(v);
          return choice === "BOTH_BAD" ? null : choice === "TIE" ? "TIE" : `${choice}${strength ?? ""}`;
        },
        fromValue: (v) => (v === "TIE" ? { choice: "TIE", strength: null } : { choice: String(v)[0] as "A" | "B", strength: Number(String(v).slice(1)) }),
      };
    }
  }
}
