import { useId } from "react";

/** A labelled text, number or multi-line field of the rubric editor, with its error. */
export function EditField({
  label,
  value,
  onChange,
  error,
  multiline = false,
  type = "text",
  className = "",
}: {
  label: string;
  value: string | number;
  onChange: (v: string) => void;
  error?: string;
  multiline?: boolean;
  type?: "text" | "number";
  className?: string;
}) {
  const id = useId();
  const common = {
    id,
    value,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : undefined,
    className: "w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm",
  } as const;
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      {multiline ? (
        <textarea rows={2} {...common} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input type={type} step="any" {...common} onChange={(e) => onChange(e.target.value)} />
      )}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
