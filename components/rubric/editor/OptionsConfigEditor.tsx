import type { TChoiceConfig, TMultiConfig } from "@/lib/rubrics/schemas";
import { Button } from "@/components/ui/Button";
import { EditField } from "./EditField";
import { type ConfigEditorProps, toNumber } from "./types";

type Option = TChoiceConfig["options"][number];

/** Options of a CATEGORICAL or MULTI criterion; MULTI also limits how many may be chosen. */
export function OptionsConfigEditor({ config, onChange, error, multi }: ConfigEditorProps<TChoiceConfig | TMultiConfig> & { multi: boolean }) {
  const setOption = (i: number, option: Option) => onChange({ ...config, options: config.options.map((o, j) => (j === i ? option : o)) });
  const m = config as TMultiConfig;
  return (
    <div className="space-y-2">
      {error("options") ? <p className="text-xs text-red-700">{error("options")}</p> : null}
      {config.options.map((o, i) => (
        <div key={i} className="grid gap-2 rounded-md bg-slate-50 p-2 sm:grid-cols-[8rem_10rem_1fr_auto]" data-testid={`option-${i}`}>
          <EditField label={`Option ${i + 1} value`} value={o.value} error={error(`options.${i}.value`)} onChange={(value) => setOption(i, { ...o, value })} />
          <EditField label={`Option ${i + 1} label`} value={o.label} error={error(`options.${i}.label`)} onChange={(label) => setOption(i, { ...o, label })} />
          <EditField label={`Option ${i + 1} description`} value={o.description ?? ""} onChange={(description) => setOption(i, { ...o, description })} />
          <Button
            type="button"
            variant="secondary"
            className="self-end"
            aria-label={`Remove option ${i + 1}`}
            onClick={() => onChange({ ...config, options: config.options.filter((_, j) => j !== i) })}
          >
            Remove
          </Button>
        </div>
      ))}
      <Button
        type="button"
        variant="secondary"
        onClick={() => onChange({ ...config, options: [...config.options, { value: `option_${config.options.length + 1}`, label: "", description: "" }] })}
      >
        Add option
      </Button>
      {multi ? (
        <div className="flex gap-3">
          <EditField
            className="w-36"
            label="Choose at least"
            type="number"
            value={m.minSelected ?? 0}
            error={error("minSelected")}
            onChange={(v) => onChange({ ...m, minSelected: toNumber(v) })}
          />
          <EditField
            className="w-36"
            label="Choose at most (empty: any)"
            type="number"
            value={m.maxSelected ?? ""}
            error={error("maxSelected")}
            onChange={(v) => onChange({ ...m, maxSelected: v === "" ? null : toNumber(v) })}
          />
        </div>
      ) : null}
    </div>
  );
}
