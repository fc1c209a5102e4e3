import { PREFERENCE_STRENGTHS } from "@/lib/rubrics/schemas";
import { answerChoices } from "@/components/rubric/answer-keys";
import { OptionRadio } from "./OptionRadio";
import { type CriterionInputProps, digitHint } from "./types";

/** A or B (or a tie, or both bad), and how strongly when the criterion asks for it. */
export function PreferenceInput({ criterion, value, onChange, idPrefix }: CriterionInputProps<"PREFERENCE">) {
  const name = `${idPrefix}-${criterion.key}`;
  const withStrength = criterion.config.strength;
  const current = (withStrength ? value : { choice: value }) as { choice?: string; strength?: number | null } | undefined;
  const choice = current?.choice;
  const decisive = choice === "A" || choice === "B";
  const pick = (c: string) => onChange(withStrength ? { choice: c, strength: c === "A" || c === "B" ? (current?.strength ?? null) : null } : c);
  return (
    <div className="space-y-2">
      <div role="radiogroup" aria-label={criterion.label} className="grid gap-2 sm:grid-cols-2">
        {answerChoices(criterion).map((c, i) => (
          <OptionRadio
            key={String(c.value)}
            name={name}
            id={`${name}-${c.value}`}
            checked={choice === c.value}
            onChange={() => pick(c.value as string)}
            hint={digitHint(i)}
            label={c.label}
          />
        ))}
      </div>
      {withStrength && decisive ? (
        <div role="radiogroup" aria-label={`${criterion.label}: strength`} className="flex flex-wrap gap-2">
          {PREFERENCE_STRENGTHS.map((s) => (
            <OptionRadio
              key={s.value}
              name={`${name}-strength`}
              id={`${name}-strength-${s.value}`}
              checked={current?.strength === s.value}
              onChange={() => onChange({ choice, strength: s.value })}
              label={`${choice} ${s.label.toLowerCase()}`}
            />
          ))}
        </div>
      ) : null}
    </div>
  );
}
