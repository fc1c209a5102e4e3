import type { SelectHTMLAttributes } from "react";

/** A labelled select; `options` as [value, text]. */
export function SelectField({ label, options, ...select }: SelectHTMLAttributes<HTMLSelectElement> & { label: string; options: [string, string][] }) {
  const id = select.id ?? select.name;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={id} className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm" {...select}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
