import { ALLOWED_LEVELS, CRITERION_TYPES, DEFAULT_LEVEL, type TCriterion, type TCriterionType } from "@/lib/rubrics/schemas";
import { Button } from "@/components/ui/Button";
import { ConfigEditor } from "./ConfigEditor";
import { defaultConfig } from "./defaults";
import { EditField } from "./EditField";
import type { ErrorAt } from "./types";

const TYPE_HELP: Record<TCriterionType, string> = {
  BINARY: "Pass or fail",
  SCALE: "Ordinal scale with anchored levels",
  CATEGORICAL: "One choice among options",
  MULTI: "Several choices among options",
  NUMERIC: "A number in a range",
  TEXT: "Free text, e.g. a rationale",
  CORRECTION: "The ideal response (expected output)",
  PREFERENCE: "A vs B comparison",
};

interface Props {
  index: number;
  count: number;
  criterion: TCriterion;
  error: ErrorAt;
  onChange: (c: TCriterion) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}

export function CriterionEditor({ index, count, criterion: c, error, onChange, onMove, onRemove }: Props) {
  const changeType = (type: TCriterionType) => onChange({ ...c, type, config: defaultConfig(type), measurementLevel: DEFAULT_LEVEL[type] } as TCriterion);
  return (
    <section
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid={`criterion-${index}`}
      aria-label={`Criterion ${index + 1}: ${c.label}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-medium">
          {index + 1}. {c.label || "Untitled"} <span className="text-xs font-normal text-slate-500">{c.type}</span>
        </h3>
        <div className="flex gap-1">
          <Button type="button" variant="secondary" disabled={index === 0} onClick={() => onMove(index - 1)} aria-label={`Move criterion ${index + 1} up`}>
            ↑
          </Button>
          <Button
            type="button"
            variant="secondary"
            disabled={index === count - 1}
            onClick={() => onMove(index + 1)}
            aria-label={`Move criterion ${index + 1} down`}
          >
            ↓
          </Button>
          <Button type="button" variant="danger" onClick={onRemove} aria-label={`Remove criterion ${index + 1}`}>
            Remove
          </Button>
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <EditField label="Key" value={c.key} error={error("key")} onChange={(key) => onChange({ ...c, key })} />
        <EditField label="Label" value={c.label} error={error("label")} onChange={(label) => onChange({ ...c, label })} />
        <div className="space-y-1">
          <label className="block text-xs font-medium text-slate-700" htmlFor={`type-${index}`}>
            Type
          </label>
          <select
            id={`type-${index}`}
            value={c.type}
            onChange={(e) => changeType(e.target.value as TCriterionType)}
            className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            {CRITERION_TYPES.map((t) => (
              <option key={t} value={t}>
                {t} — {TYPE_HELP[t]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <EditField label="Question" value={c.question} error={error("question")} onChange={(question) => onChange({ ...c, question })} />
      <EditField label="Guidance" multiline value={c.guidance} error={error("guidance")} onChange={(guidance) => onChange({ ...c, guidance })} />
      <div className="flex flex-wrap items-end gap-4 text-sm">
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={c.required} onChange={(e) => onChange({ ...c, required: e.target.checked })} /> Required
        </label>
        <div className="space-y-1">
          <label className="block text-xs font-medium text-slate-700" htmlFor={`level-${index}`}>
            Measurement level
          </label>
          <select
            id={`level-${index}`}
            value={c.measurementLevel}
            onChange={(e) => onChange({ ...c, measurementLevel: e.target.value as TCriterion["measurementLevel"] })}
            className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            {ALLOWED_LEVELS[c.type].map((l) => (
              <option key={l} value={l}>
                {l === "NONE" ? "NONE (no agreement figure)" : l}
              </option>
            ))}
          </select>
          {error("measurementLevel") ? <p className="text-xs text-red-700">{error("measurementLevel")}</p> : null}
        </div>
      </div>
      <ConfigEditor criterion={c} onChange={onChange} error={(p) => error(`config.${p}`)} />
    </section>
  );
}
