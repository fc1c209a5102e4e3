import type { TItemContent } from "@/lib/datasets/content";
import type { TLineFormat } from "./context";
import { inputsObject, isMessage } from "./shapes";

// MLflow evaluation records `{"inputs": {...}, "expectations": {...}}`: `inputs` is always an
// object; the expected output is `expected_response` (a key MLflow's built-in judges read), and
// each criterion's label value from the lineage sits under the criterion's key.

function expectedResponse(value: unknown): unknown {
  return isMessage(value) && typeof value.content === "string" ? value.content : value;
}

export function mlflowRecord(item: TItemContent): Record<string, unknown> {
  const expectations: Record<string, unknown> = {};
  for (const label of item.lineage?.labels ?? []) if (!(label.criterionKey in expectations)) expectations[label.criterionKey] = label.value;
  const answer = item.preference ? item.preference.preferred : item.expectedOutput;
  if (answer !== null && answer !== undefined) expectations.expected_response = expectedResponse(answer);
  return { inputs: inputsObject(item.input), expectations };
}

export const mlflowJsonl: TLineFormat = {
  name: "mlflow",
  contentType: "application/x-ndjson",
  extension: "jsonl",
  begin: () => "",
  item: (item) => `${JSON.stringify(mlflowRecord(item))}\n`,
  end: () => "",
};
