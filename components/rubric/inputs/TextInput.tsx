import type { CriterionInputProps } from "./types";

export function TextInput({ criterion, value, onChange, idPrefix }: CriterionInputProps<"TEXT">) {
  const text = typeof value === "string" ? value : "";
  const id = `${idPrefix}-${criterion.key}-text`;
  return (
    <div>
      <textarea
        id={id}
        aria-label={criterion.label}
        data-answer-field
        rows={3}
        maxLength={criterion.config.maxLength}
        value={text}
        onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
        className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      <p className="text-right text-xs text-slate-500">
        {text.length} / {criterion.config.maxLength}
      </p>
    </div>
  );
}
