import { LimitedTextArea } from "./LimitedTextArea";
import type { CriterionInputProps } from "./types";

export function TextInput({ criterion, value, onChange, idPrefix }: CriterionInputProps<"TEXT">) {
  return (
    <LimitedTextArea
      id={`${idPrefix}-${criterion.key}-text`}
      label={criterion.label}
      value={value}
      maxLength={criterion.config.maxLength}
      rows={3}
      onChange={onChange}
    />
  );
}
