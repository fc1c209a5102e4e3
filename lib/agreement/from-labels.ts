import type { TCriterion } from "@/lib/rubrics/schemas";
import { type TJudgmentValue, parseLabelName } from "@/lib/scores/codec";
import type { IntervalOptions } from "./bootstrap";
import { criterionScale, withObservedNumbers } from "./criterion-scale";
import { tabulate } from "./data";
import { type MultiRating, multiAgreement } from "./multi";
import { agreementSummary, flat } from "./summary";
import { AgreementInputError, type Rating } from "./types";

// A queue's labels (as the labels export writes them) to the agreement figures of each
// criterion of its rubric version. The unit is the queue item, or the item and side for a
// criterion answered per side of a pairwise item (`key:A`, `key:B`); each rater counts with
// their first submitted revision only, so a rater who revised after seeing others' labels
// cannot inflate agreement.

/** The fields of an exported label this needs. */
export interface QueueLabel {
  id: string;
  queueItemId: string;
  name: string;
  value: unknown;
  raterUserId: string | null;
  raterEmail: string | null;
  revision: number;
}

interface Row {
  id: string;
  item: string;
  rater: string;
  value: unknown;
}

const distinct = (rows: readonly Row[], field: "item" | "rater") => new Set(rows.map((r) => r[field])).size;

/** Runs a computation over rows, naming the label at fault (by id) when the statistics refuse one. */
function naming<T>(criterion: TCriterion, rows: readonly Row[], compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof AgreementInputError)) throw error;
    const label = error.index === undefined ? "" : ` (label ${rows[error.index].id})`;
    throw new AgreementInputError(`criterion "${criterion.key}"${label}: ${error.message}`);
  }
}

function multiSummary(criterion: TCriterion, rows: readonly Row[], options: readonly string[], interval: IntervalOptions) {
  const ratings: MultiRating[] = rows.map((r) => {
    if (!Array.isArray(r.value)) throw new AgreementInputError(`criterion "${criterion.key}" (label ${r.id}): a multi-select value is a list of options`);
    return { item: r.item, rater: r.rater, value: r.value as string[] };
  });
  const multi = naming(criterion, rows, () => multiAgreement(ratings, options));
  const perOption = options.map((option) => {
    const yesNo = ratings.map((r) => ({ item: r.item, rater: r.rater, value: r.value?.includes(option) ? "yes" : "no" }));
    return { option, ...agreementSummary(tabulate(yesNo, { level: "nominal", values: ["no", "yes"] }), interval) };
  });
  const { option, ...lowest } = multi.lowest;
  return {
    ...flat("alpha", lowest),
    ...(option === null ? {} : { alphaOption: option }),
    level: "nominal",
    items: distinct(rows, "item"),
    raters: distinct(rows, "rater"),
    perOption,
    pairs: multi.pairs.map((p) => ({ a: p.a, b: p.b, n: p.n, ...flat("jaccard", p.jaccard) })),
  };
}

function criterionSummary(criterion: TCriterion, rows: readonly Row[], interval: IntervalOptions) {
  const head = { criterion: criterion.key, type: criterion.type };
  const described = criterionScale(criterion);
  if (described.kind === "multi") return { ...head, ...multiSummary(criterion, rows, described.options, interval) };
  if (described.kind === "none") {
    const perItem = new Map<string, number>();
    for (const r of rows) perItem.set(r.item, (perItem.get(r.item) ?? 0) + 1);
    return {
      ...head,
      alpha: null,
      alphaReason: "undefined: free text has no agreement coefficient (coverage only)",
      level: null,
      items: perItem.size,
      raters: distinct(rows, "rater"),
      coverage: [...perItem.values()].filter((n) => n >= 2).length,
    };
  }
  const ratings: Rating[] = rows.map((r) => ({ item: r.item, rater: r.rater, value: described.toValue(r.value as TJudgmentValue) }));
  const scale = withObservedNumbers(
    described.scale,
    rows.map((r) => r.value),
  );
  return { ...head, ...naming(criterion, rows, () => agreementSummary(tabulate(ratings, scale), interval)) };
}

/**
 * The agreement figures of each criterion, in the rubric's order. Throws AgreementInputError
 * naming the criterion and label when a label is not a criterion of the rubric or its value
 * is off the criterion's scale.
 */
export function agreementByCriterion(labels: readonly QueueLabel[], criteria: readonly TCriterion[], interval: IntervalOptions = {}) {
  const rowsByKey = new Map<string, Row[]>(criteria.map((c) => [c.key, []]));
  for (const label of labels) {
    if (label.revision !== 1) continue;
    const { key, side } = parseLabelName(label.name);
    const rows = rowsByKey.get(key);
    if (!rows)
      throw new AgreementInputError(`label ${label.id} answers "${label.name}", which is no criterion of the rubric: is it the queue's rubric version?`);
    rows.push({
      id: label.id,
      item: side ? `${label.queueItemId}:${side}` : label.queueItemId,
      rater: label.raterEmail ?? label.raterUserId ?? "unknown rater",
      value: label.value,
    });
  }
  return criteria.map((criterion) => criterionSummary(criterion, rowsByKey.get(criterion.key) ?? [], interval));
}
