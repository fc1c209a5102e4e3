import { OptionRadio } from "./OptionRadio";
import { type CriterionInputProps, digitHint } from "./types";

/** An anchored scale: each level with its description, and exemplars a click away. */
export function ScaleInput({ criterion, value, onChange, idPrefix }: CriterionInputProps<"SCALE">) {
  const name = `${idPrefix}-${criterion.key}`;
  return (
    <div role="radiogroup" aria-label={criterion.label} className="space-y-1.5">
      {criterion.config.levels.map((level, i) => (
        <div key={level.value}>
          <OptionRadio
            name={name}
            id={`${name}-${level.value}`}
            checked={value === level.value}
            onChange={() => onChange(level.value)}
            hint={digitHint(i)}
            label={`${level.value} · ${level.label}`}
            description={level.description}
          />
          {level.exemplars.length > 0 ? (
            <details className="ml-8 mt-1 text-sm">
              <summary className="cursor-pointer text-indigo-700">
                {level.exemplars.length} example{level.exemplars.length > 1 ? "s" : ""} of {level.label}
              </summary>
              <ul className="mt-1 space-y-1">
                {level.exemplars.map((ex, j) => (
                  <li key={j} className="rounded bg-slate-50 p-2">
                    <p className="whitespace-pre-wrap">{ex.text}</p>
                    {ex.note ? <p className="mt-1 text-slate-500">{ex.note}</p> : null}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ))}
    </div>
  );
}
