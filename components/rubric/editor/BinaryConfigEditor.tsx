import type { TBinaryConfig } from "@/lib/rubrics/schemas";
import { EditField } from "./EditField";
import type { ConfigEditorProps } from "./types";

export function BinaryConfigEditor({ config, onChange, error }: ConfigEditorProps<TBinaryConfig>) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {(["pass", "fail"] as const).map((side) => (
        <div key={side} className="space-y-2 rounded-md bg-slate-50 p-2">
          <EditField
            label={`${side === "pass" ? "Pass" : "Fail"} label`}
            value={config[side].label}
            error={error(`${side}.label`)}
            onChange={(label) => onChange({ ...config, [side]: { ...config[side], label } })}
          />
          <EditField
            label={`What ${side} means`}
            multiline
            value={config[side].description}
            error={error(`${side}.description`)}
            onChange={(description) => onChange({ ...config, [side]: { ...config[side], description } })}
          />
        </div>
      ))}
    </div>
  );
}
