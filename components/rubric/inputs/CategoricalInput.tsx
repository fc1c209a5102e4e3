import { OptionRadio } from "./OptionRadio";
import { type CriterionInputProps, digitHint } from "./types";

export function CategoricalInput({ criterion, value, onChange, idPrefix }: CriterionInputProps<"CATEGORICAL">) {
  const name = `${idPrefix}-${criterion.key}`;
  return (
    <div role="radiogroup" aria-label={criterion.label} className="space-y-1.5">
      {criterion.config.options.map((o, i) => (
        <OptionRadio
          key={o.value}
          name={name}
          id={`${name}-${o.value}`}
          checked={value === o.value}
          onChange={() => onChange(o.value)}
          hint={digitHint(i)}
          label={o.label}
          description={o.description}
        />
      ))}
    </div>
  );
}
