import type { TCriterion } from "@/lib/rubrics/schemas";
import { BinaryConfigEditor } from "./BinaryConfigEditor";
import { LengthConfigEditor } from "./LengthConfigEditor";
import { NumericConfigEditor } from "./NumericConfigEditor";
import { OptionsConfigEditor } from "./OptionsConfigEditor";
import { PreferenceConfigEditor } from "./PreferenceConfigEditor";
import { ScaleConfigEditor } from "./ScaleConfigEditor";
import type { ErrorAt } from "./types";

/** The type-specific part of a criterion. */
export function ConfigEditor({ criterion, onChange, error }: { criterion: TCriterion; onChange: (c: TCriterion) => void; error: ErrorAt }) {
  const set = (config: unknown) => onChange({ ...criterion, config } as TCriterion);
  switch (criterion.type) {
    case "BINARY":
      return <BinaryConfigEditor config={criterion.config} onChange={set} error={error} />;
    case "SCALE":
      return <ScaleConfigEditor config={criterion.config} onChange={set} error={error} />;
    case "CATEGORICAL":
      return <OptionsConfigEditor multi={false} config={criterion.config} onChange={set} error={error} />;
    case "MULTI":
      return <OptionsConfigEditor multi config={criterion.config} onChange={set} error={error} />;
    case "NUMERIC":
      return <NumericConfigEditor config={criterion.config} onChange={set} error={error} />;
    case "TEXT":
    case "CORRECTION":
      return <LengthConfigEditor config={criterion.config} onChange={set} error={error} />;
    case "PREFERENCE":
      return <PreferenceConfigEditor config={criterion.config} onChange={set} error={error} />;
  }
}
