import type { TPreferenceConfig } from "@/lib/rubrics/schemas";
import type { ConfigEditorProps } from "./types";

const FLAGS: { key: keyof TPreferenceConfig; label: string }[] = [
  { key: "allowTie", label: "Allow a tie" },
  { key: "allowBothBad", label: "Allow “both bad”" },
  { key: "strength", label: "Ask how much better (slightly, clearly, much)" },
];

export function PreferenceConfigEditor({ config, onChange }: ConfigEditorProps<TPreferenceConfig>) {
  return (
    <div className="flex flex-wrap gap-4 text-sm">
      <span className="text-slate-600">A or B, plus:</span>
      {FLAGS.map((f) => (
        <label key={f.key} className="flex items-center gap-1.5">
          <input type="checkbox" checked={config[f.key]} onChange={(e) => onChange({ ...config, [f.key]: e.target.checked })} />
          {f.label}
        </label>
      ))}
    </div>
  );
}
