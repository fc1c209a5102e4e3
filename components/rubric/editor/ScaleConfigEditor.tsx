import type { TScaleConfig } from "@/lib/rubrics/schemas";
import { Button } from "@/components/ui/Button";
import { EditField } from "./EditField";
import { type ConfigEditorProps, toNumber } from "./types";

type Level = TScaleConfig["levels"][number];

/** Levels follow the range: changing min or max keeps the anchors written for levels that remain. */
function relevel(config: TScaleConfig, min: number, max: number): TScaleConfig {
  if (!Number.isInteger(min) || !Number.isInteger(max) || max < min || max - min > 10) return { ...config, min, max };
  const byValue = new Map(config.levels.map((l) => [l.value, l]));
  const levels: Level[] = [];
  for (let v = min; v <= max; v++) levels.push(byValue.get(v) ?? { value: v, label: "", description: "", exemplars: [] });
  return { min, max, levels };
}

export function ScaleConfigEditor({ config, onChange, error }: ConfigEditorProps<TScaleConfig>) {
  const setLevel = (i: number, level: Level) => onChange({ ...config, levels: config.levels.map((l, j) => (j === i ? level : l)) });
  return (
    <div className="space-y-3">
      <div className="flex gap-3">
        <EditField
          className="w-28"
          label="Lowest level"
          type="number"
          value={Number.isNaN(config.min) ? "" : config.min}
          error={error("min")}
          onChange={(v) => onChange(relevel(config, toNumber(v), config.max))}
        />
        <EditField
          className="w-28"
          label="Highest level"
          type="number"
          value={Number.isNaN(config.max) ? "" : config.max}
          error={error("max")}
          onChange={(v) => onChange(relevel(config, config.min, toNumber(v)))}
        />
      </div>
      {error("levels") ? <p className="text-xs text-red-700">{error("levels")}</p> : null}
      <ol className="space-y-2">
        {config.levels.map((level, i) => (
          <li key={level.value} className="space-y-2 rounded-md bg-slate-50 p-2" data-testid={`level-${level.value}`}>
            <div className="grid gap-2 sm:grid-cols-[4rem_10rem_1fr]">
              <span className="pt-6 text-sm font-semibold">{level.value}</span>
              <EditField
                label={`Level ${level.value} label`}
                value={level.label}
                error={error(`levels.${i}.label`)}
                onChange={(label) => setLevel(i, { ...level, label })}
              />
              <EditField
                label={`Level ${level.value} description`}
                multiline
                value={level.description}
                error={error(`levels.${i}.description`) ?? error(`levels.${i}.value`)}
                onChange={(description) => setLevel(i, { ...level, description })}
              />
            </div>
            {level.exemplars.map((ex, j) => (
              <div key={j} className="ml-16 grid gap-2 sm:grid-cols-[1fr_12rem_auto]">
                <EditField
                  label={`Level ${level.value} example ${j + 1}`}
                  multiline
                  value={ex.text}
                  error={error(`levels.${i}.exemplars.${j}.text`)}
                  onChange={(text) => setLevel(i, { ...level, exemplars: level.exemplars.map((e, k) => (k === j ? { ...e, text } : e)) })}
                />
                <EditField
                  label="Why it is this level"
                  value={ex.note ?? ""}
                  onChange={(note) => setLevel(i, { ...level, exemplars: level.exemplars.map((e, k) => (k === j ? { ...e, note } : e)) })}
                />
                <Button
                  type="button"
                  variant="secondary"
                  className="self-end"
                  onClick={() => setLevel(i, { ...level, exemplars: level.exemplars.filter((_, k) => k !== j) })}
                >
                  Remove example
                </Button>
              </div>
            ))}
            <Button
              type="button"
              variant="secondary"
              className="ml-16"
              onClick={() => setLevel(i, { ...level, exemplars: [...level.exemplars, { text: "", note: "" }] })}
            >
              Add example of level {level.value}
            </Button>
          </li>
        ))}
      </ol>
    </div>
  );
}
