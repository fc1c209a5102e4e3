import type { TTextConfig } from "@/lib/rubrics/schemas";
import { EditField } from "./EditField";
import { type ConfigEditorProps, toNumber } from "./types";

/** TEXT and CORRECTION: the longest answer accepted. */
export function LengthConfigEditor({ config, onChange, error }: ConfigEditorProps<TTextConfig>) {
  return (
    <EditField
      className="w-40"
      label="Maximum length"
      type="number"
      value={Number.isNaN(config.maxLength) ? "" : config.maxLength}
      error={error("maxLength")}
      onChange={(v) => onChange({ maxLength: toNumber(v) })}
    />
  );
}
