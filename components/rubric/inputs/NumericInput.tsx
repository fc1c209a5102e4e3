import type { CriterionInputProps } from "./types";

export function NumericInput({ criterion, value, onChange, idPrefix }: CriterionInputProps<"NUMERIC">) {
  const { min, max, step, unit } = criterion.config;
  const id = `${idPrefix}-${criterion.key}-number`;
  return (
    <div className="flex items-center gap-2">
      <input
        id={id}
        type="number"
        aria-label={criterion.label}
        data-answer-field
        min={min}
        max={max}
        step={step ?? "any"}
        value={typeof value === "number" ? value : ""}
        onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
        className="w-40 rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      <span className="text-sm text-slate-600">
        {unit ? `${unit} · ` : ""}
        {min} to {max}
        {step ? `, steps of ${step}` : ""}
      </span>
    </div>
  );
}
