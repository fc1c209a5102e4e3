import { LimitedTextArea } from "./LimitedTextArea";
import type { CriterionInputProps } from "./types";

/** The expert writes the response the application should have given: a golden answer. */
export function CorrectionInput({ criterion, value, onChange, idPrefix }: CriterionInputProps<"CORRECTION">) {
  return (
    <LimitedTextArea
      id={`${idPrefix}-${criterion.key}-correction`}
      label={criterion.label}
      value={value}
      maxLength={criterion.config.maxLength}
      rows={6}
      placeholder="Write the ideal response…"
      monospace
      onChange={onChange}
    />
  );
}
