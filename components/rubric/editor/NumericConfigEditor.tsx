import type { TNumericConfig } from "@/lib/rubrics/schemas";
import { EditField } from "./EditField";
import { type ConfigEditorProps, toNumber } from "./types";

export function NumericConfigEditor({ config, onChange, error }: ConfigEditorProps<TNumericConfig>) {
  const shown = (n: number | null) => (n === null || Number.isNaN(n) ? "" : n);
  return (
    <div className="flex flex-wrap gap-3">
      <EditField
        className="w-28"
        label="Minimum"
        type="number"
        value={shown(config.min)}
        error={error("min")}
        onChange={(v) => onChange({ ...config, min: toNumber(v) })}
      />
      <EditField
        className="w-28"
        label="Maximum"
        type="number"
        value={shown(config.max)}
        error={error("max")}
        onChange={(v) => onChange({ ...config, max: toNumber(v) })}
      />
      <EditField
        className="w-36"
        label="Step (empty: any)"
        type="number"
        value={shown(config.step)}
        error={error("step")}
        onChange={(v) => onChange({ ...config, step: v === "" ? null : toNumber(v) })}
      />
      <EditField className="w-28" label="Unit" value={config.unit ?? ""} error={error("unit")} onChange={(unit) => onChange({ ...config, unit })} />
    </div>
  );
}
