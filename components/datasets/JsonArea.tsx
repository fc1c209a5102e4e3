/** A labelled text area for a JSON value (or a comma-separated list). */
export function JsonArea({ name, label, defaultValue, rows = 4, hint }: { name: string; label: string; defaultValue?: string; rows?: number; hint?: string }) {
  const id = `dataset-field-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        spellCheck={false}
        className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs shadow-sm"
      />
      {hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}
