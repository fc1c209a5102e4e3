import type { CriterionInputProps } from "./types";

/** The expert writes the response the application should have given: a golden answer. */
export function CorrectionInput({ criterion, value, onChange, idPrefix }: CriterionInputProps<"CORRECTION">) {
  const text = typeof value === "string" ? value : "";
  const id = `${idPrefix}-${criterion.key}-correction`;
  return (
    <div>
      <textarea
        id={id}
        aria-label={criterion.label}
        data-answer-field
        rows={6}
        maxLength={criterion.config.maxLength}
        value={text}
        placeholder="Write the ideal response…"
        onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
        className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
      />
      <p className="text-right text-xs text-slate-500">
        {text.length} / {criterion.config.maxLength}
      </p>
    </div>
  );
}
