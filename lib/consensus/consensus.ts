import { type ConsensusCriterion, type ConsensusPolicy, type ConsensusResult, type ConsensusValue, none } from "./types";
import { checkValues, keyOf, position, roundToStep, selection, show } from "./values";

// The label of an item by the queue's policy, from its raters' values for one criterion. A
// policy asking more than the level allows (a median of unordered categories, a mean of
// ranks) uses the level's own central value instead, and `method` says so: ordinal → median,
// nominal → majority. Everything here is exact: a tie, an even split or a disagreement under
// "unanimous" is "no consensus" with the reason, left to adjudication, never guessed.

function unanimous(values: readonly ConsensusValue[]): ConsensusResult {
  const distinct = new Set(values.map(keyOf)).size;
  return distinct === 1 ? { value: values[0], method: "unanimous" } : none(`the ${values.length} labels hold ${distinct} different values`);
}

/** More than half of the labels: a plurality (2 of 5) is not a majority, and a tie never is. */
function majority(values: readonly ConsensusValue[]): ConsensusResult {
  const counts = new Map<string, { value: ConsensusValue; n: number }>();
  for (const value of values) {
    const key = keyOf(value);
    const entry = counts.get(key) ?? { value, n: 0 };
    entry.n++;
    counts.set(key, entry);
  }
  const ranked = [...counts.values()].sort((a, b) => b.n - a.n);
  const [top, second] = ranked;
  if (top.n * 2 > values.length) return { value: top.value, method: "majority" };
  if (second && second.n === top.n) {
    const tied = ranked.filter((e) => e.n === top.n).map((e) => show(e.value));
    return none(`a tie between ${tied.join(" and ")} (${top.n} of ${values.length} labels each)`);
  }
  return none(`no value has more than half of the ${values.length} labels (most: ${show(top.value)}, ${top.n})`);
}

/** The middle value on the declared order; with an even count the two middle values must be the same. */
function median(criterion: ConsensusCriterion, values: readonly ConsensusValue[]): ConsensusResult {
  const sorted = values.map((value) => ({ value, at: position(criterion, value) as number })).sort((a, b) => a.at - b.at);
  const mid = sorted.length >> 1;
  if (sorted.length % 2 === 1) return { value: sorted[mid].value, method: "median" };
  const [low, high] = [sorted[mid - 1], sorted[mid]];
  if (low.at === high.at) return { value: low.value, method: "median" };
  return none(`an even number of labels (${sorted.length}) whose two middle values differ (${show(low.value)} and ${show(high.value)})`);
}

function mean(criterion: ConsensusCriterion, values: readonly ConsensusValue[]): ConsensusResult {
  const average = (values as number[]).reduce((sum, v) => sum + v, 0) / values.length;
  return { value: criterion.step === undefined ? average : roundToStep(average, criterion.step), method: "mean" };
}

/** Each option is in when more than half of the raters chose it, out when fewer did; exactly half is a tie. */
function perOptionMajority(criterion: ConsensusCriterion, values: readonly string[][]): ConsensusResult {
  const chosen = new Map<string, number>();
  for (const value of values) for (const option of selection(value, criterion.options)) chosen.set(option, (chosen.get(option) ?? 0) + 1);
  const tied = [...chosen].filter(([, n]) => n * 2 === values.length).map(([option]) => show(option));
  if (tied.length) return none(`a tie on ${tied.join(", ")} (chosen by ${values.length / 2} of ${values.length} raters)`);
  const winners = [...chosen].filter(([, n]) => n * 2 > values.length).map(([option]) => option);
  return { value: selection(winners, criterion.options), method: "per-option-majority" };
}

/**
 * The consensus of one unit's values (one per rater) for one criterion. One value is its own
 * consensus under every policy; no value has none. Throws ConsensusInputError when a value
 * does not fit the criterion (off the declared order, not a number at the interval level, …).
 */
export function consensusOf(policy: ConsensusPolicy, criterion: ConsensusCriterion, values: readonly ConsensusValue[]): ConsensusResult {
  checkValues(criterion, values);
  if (criterion.level === "none") return none("free text is settled only through adjudication");
  if (values.length === 0) return none("no labels");
  if (criterion.level === "multi") {
    if (policy !== "unanimous") return perOptionMajority(criterion, values as string[][]);
    const agreed = unanimous(values);
    return agreed.value === null ? agreed : { ...agreed, value: selection(agreed.value as string[], criterion.options) };
  }
  if (policy === "unanimous") return unanimous(values);
  const ordered = criterion.level !== "nominal";
  if (policy === "majority" || !ordered) return majority(values);
  if (policy === "median" || criterion.level === "ordinal") return median(criterion, values);
  return mean(criterion, values);
}
