import { Field } from "@/components/ui/Field";
import { EDITED, type TParameterTexts } from "./parameters";

/** Temperature, max tokens, calls in flight and requests per minute, as number fields. */
export function ParameterFields({ texts, onChange }: { texts: TParameterTexts; onChange: (texts: TParameterTexts) => void }) {
  return EDITED.map((f) => (
    <Field
      key={f.key}
      label={f.label}
      id={f.id}
      type="number"
      min={f.min}
      max={f.max}
      step={f.step}
      placeholder={"placeholder" in f ? f.placeholder : undefined}
      value={texts[f.key]}
      onChange={(e) => onChange({ ...texts, [f.key]: e.target.value })}
    />
  ));
}
