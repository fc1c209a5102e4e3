import { OptionRadio } from "./OptionRadio";
import { type CriterionInputProps, digitHint } from "./types";

export function MultiInput({ criterion, value, onChange, idPrefix }: CriterionInputProps<"MULTI">) {
  const name = `${idPrefix}-${criterion.key}`;
  const chosen = Array.isArray(value) ? (value as string[]) : [];
  const { minSelected, maxSelected } = criterion.config;
  return (
    <fieldset className="space-y-1.5">
      <legend className="sr-only">{criterion.label}</legend>
      {minSelected > 0 || maxSelected !== null ? (
        <p className="text-xs text-slate-500">
          Choose {minSelected > 0 ? `at least ${minSelected}` : ""}
          {minSelected > 0 && maxSelected !== null ? " and " : ""}
          {maxSelected !== null ? `at most ${maxSelected}` : ""}.
        </p>
      ) : null}
      {criterion.config.options.map((o, i) => (
        <OptionRadio
          key={o.value}
          type="checkbox"
          name={name}
          id={`${name}-${o.value}`}
          checked={chosen.includes(o.value)}
          onChange={() => onChange(chosen.includes(o.value) ? chosen.filter((v) => v !== o.value) : [...chosen, o.value])}
          hint={digitHint(i)}
          label={o.label}
          description={o.description}
        />
      ))}
    </fieldset>
  );
}
