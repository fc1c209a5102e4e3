import type { TPreferenceChoice } from "@/lib/rubrics/constants";
import type { TPreferenceValue } from "@/lib/scores/codec";

// A pairwise judge answers twice: once shown the item's stored A first, once shown its stored
// B first. Each answer names positions ("the first shown is A"), so the swapped answer is
// mapped back to the stored traces before the two are compared. A verdict that changes with
// the order says more about the position than about the outputs: it is recorded as
// inconsistent and counts for neither side.

/** A preference as the judge gave it: a bare choice, or a choice with strength. */
export type TPreferenceAnswer = TPreferenceChoice | TPreferenceValue;

export type TPairwiseVerdict = { kind: "verdict"; value: TPreferenceAnswer } | { kind: "inconsistent"; forward: TPreferenceAnswer; swapped: TPreferenceAnswer };

const choiceOf = (answer: TPreferenceAnswer): TPreferenceChoice => (typeof answer === "string" ? answer : answer.choice);
const strengthOf = (answer: TPreferenceAnswer): number | null => (typeof answer === "string" ? null : answer.strength);

const mirror = (choice: TPreferenceChoice): TPreferenceChoice => (choice === "A" ? "B" : choice === "B" ? "A" : choice);

/** An answer given with B shown first, in terms of the stored A and B. */
export function unswap(answer: TPreferenceAnswer): TPreferenceAnswer {
  return typeof answer === "string" ? mirror(answer) : { choice: mirror(answer.choice), strength: answer.strength };
}

/**
 * The item's verdict from the answer shown in stored order (`forward`) and the answer shown
 * swapped (`swapped`, as the judge gave it). Both orders must pick the same choice; when they
 * differ only in strength, the verdict takes the weaker one, the strength both orders support.
 */
export function combineOrders(forward: TPreferenceAnswer, swapped: TPreferenceAnswer): TPairwiseVerdict {
  const back = unswap(swapped);
  if (choiceOf(forward) !== choiceOf(back)) return { kind: "inconsistent", forward, swapped };
  if (typeof forward === "string") return { kind: "verdict", value: forward };
  const strengths = [strengthOf(forward), strengthOf(back)].filter((s): s is number => s !== null);
  return { kind: "verdict", value: { choice: forward.choice, strength: strengths.length === 2 ? Math.min(...strengths) : null } };
}

/** One item's two answers, both as the judge gave them (positions, not stored sides). */
export interface TPairwiseAnswers {
  forward: TPreferenceAnswer;
  swapped: TPreferenceAnswer;
}

export interface TPositionFigures {
  /** Items with both answers. */
  items: number;
  /** Items whose verdict survived the swap, and their share. */
  consistent: number;
  positionConsistency: number | null;
  /** Of all decisive answers (A or B as shown, both orders), the share that picked the one shown first. 0.5 is no position bias. */
  decisiveAnswers: number;
  firstPositionPickRate: number | null;
  /** The share of consistent verdicts that are a tie. */
  tieRate: number | null;
}

/** Position consistency and first-position pick rate over a set of items. */
export function positionFigures(answers: readonly TPairwiseAnswers[]): TPositionFigures {
  let consistent = 0;
  let ties = 0;
  let decisive = 0;
  let first = 0;
  for (const { forward, swapped } of answers) {
    const verdict = combineOrders(forward, swapped);
    if (verdict.kind === "verdict") {
      consistent++;
      if (choiceOf(verdict.value) === "TIE") ties++;
    }
    for (const shown of [choiceOf(forward), choiceOf(swapped)]) {
      if (shown !== "A" && shown !== "B") continue;
      decisive++;
      if (shown === "A") first++;
    }
  }
  const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  return {
    items: answers.length,
    consistent,
    positionConsistency: share(consistent, answers.length),
    decisiveAnswers: decisive,
    firstPositionPickRate: share(first, decisive),
    tieRate: share(ties, consistent),
  };
}

/** The value a comparison with people takes: the verdict, or null for an inconsistent item (a result without a side). */
export const verdictValue = (verdict: TPairwiseVerdict): TPreferenceAnswer | null => (verdict.kind === "verdict" ? verdict.value : null);
