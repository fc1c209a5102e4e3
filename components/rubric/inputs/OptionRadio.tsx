import type { ReactNode } from "react";

/** One native radio or checkbox with its digit hint, label and description. */
export function OptionRadio({
  type = "radio",
  name,
  id,
  checked,
  onChange,
  hint,
  label,
  description,
}: {
  type?: "radio" | "checkbox";
  name: string;
  id: string;
  checked: boolean;
  onChange: () => void;
  hint?: string;
  label: string;
  description?: ReactNode;
}) {
  return (
    <label
      htmlFor={id}
      className={`flex cursor-pointer gap-2 rounded-md border px-3 py-2 text-sm ${checked ? "border-indigo-500 bg-indigo-50" : "border-slate-200 hover:bg-slate-50"}`}
    >
      <input type={type} id={id} name={name} checked={checked} onChange={onChange} className="mt-0.5 accent-indigo-600" />
      <span className="min-w-0">
        <span className="font-medium">
          {hint ? <kbd className="mr-1.5 rounded border border-slate-300 bg-white px-1 font-mono text-xs text-slate-500">{hint}</kbd> : null}
          {label}
        </span>
        {description ? <span className="block text-slate-600">{description}</span> : null}
      </span>
    </label>
  );
}
