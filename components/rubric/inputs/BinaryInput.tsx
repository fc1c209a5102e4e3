import { OptionRadio } from "./OptionRadio";
import { type CriterionInputProps, digitHint } from "./types";

export function BinaryInput({ criterion, value, onChange, idPrefix }: CriterionInputProps<"BINARY">) {
  const name = `${idPrefix}-${criterion.key}`;
  const sides = [
    { v: true, side: criterion.config.pass },
    { v: false, side: criterion.config.fail },
  ];
  return (
    <div role="radiogroup" aria-label={criterion.label} className="grid gap-2 sm:grid-cols-2">
      {sides.map(({ v, side }, i) => (
        <OptionRadio
          key={String(v)}
          name={name}
          id={`${name}-${v ? "pass" : "fail"}`}
          checked={value === v}
          onChange={() => onChange(v)}
          hint={digitHint(i)}
          label={side.label}
          description={side.description}
        />
      ))}
    </div>
  );
}
