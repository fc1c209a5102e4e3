import type { TCriterion } from "@/lib/rubrics/schemas";
import { BinaryInput } from "./inputs/BinaryInput";
import { CategoricalInput } from "./inputs/CategoricalInput";
import { CorrectionInput } from "./inputs/CorrectionInput";
import { MultiInput } from "./inputs/MultiInput";
import { NumericInput } from "./inputs/NumericInput";
import { PreferenceInput } from "./inputs/PreferenceInput";
import { ScaleInput } from "./inputs/ScaleInput";
import { TextInput } from "./inputs/TextInput";

/** The labeling input for any criterion type. */
export function CriterionInput({
  criterion,
  value,
  onChange,
  idPrefix,
}: {
  criterion: TCriterion;
  value: unknown;
  onChange: (v: unknown) => void;
  idPrefix: string;
}) {
  const props = { value, onChange, idPrefix };
  switch (criterion.type) {
    case "BINARY":
      return <BinaryInput criterion={criterion} {...props} />;
    case "SCALE":
      return <ScaleInput criterion={criterion} {...props} />;
    case "CATEGORICAL":
      return <CategoricalInput criterion={criterion} {...props} />;
    case "MULTI":
      return <MultiInput criterion={criterion} {...props} />;
    case "NUMERIC":
      return <NumericInput criterion={criterion} {...props} />;
    case "TEXT":
      return <TextInput criterion={criterion} {...props} />;
    case "CORRECTION":
      return <CorrectionInput criterion={criterion} {...props} />;
    case "PREFERENCE":
      return <PreferenceInput criterion={criterion} {...props} />;
  }
}
