import type { TCriterion } from "@/lib/rubrics/schemas";

export interface CriterionInputProps<T extends TCriterion["type"]> {
  criterion: Extract<TCriterion, { type: T }>;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Unique per form, so two previews on one page never share radio names. */
  idPrefix: string;
}

/** The digit shown beside the n-th choice: 1–9, then 0+1 … for choices past nine. */
export function digitHint(index: number): string {
  return index < 9 ? String(index + 1) : index < 19 ? `0 ${index - 9}` : "";
}
