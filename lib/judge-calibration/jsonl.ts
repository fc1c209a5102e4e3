import type { TExampleList } from "./schemas";

// One line per example, in the shape MLflow's judge alignment and DSPy examples read:
// `inputs` and `outputs` as the judge saw them, the human value as the expectation, and the
// judge's own value and rationale beside it (docs/judges.md#calibration-sets).

export function jsonlOf(list: TExampleList): string {
  return list.examples
    .map((e) =>
      JSON.stringify({
        id: e.id,
        judge: list.judge,
        criterion: list.criterion,
        trace_id: e.traceExternalId ?? e.traceId,
        queue_item_id: e.queueItemId,
        inputs: e.input ?? null,
        outputs: list.mode === "pairwise" ? { output_a: e.output ?? null, output_b: e.outputB ?? null } : (e.output ?? null),
        expectations: { [list.criterion]: e.humanValue },
        human_value: e.humanValue,
        note: e.note,
        judge_value: e.judgeValue ?? null,
        judge_rationale: e.judgeRationale,
      }),
    )
    .map((line) => `${line}\n`)
    .join("");
}
