"use client";

/** The judge's calibration set as checkboxes: the examples `{{examples}}` shows, in the order chosen. */
export function ExampleChoices({
  examples,
  chosen,
  onChange,
}: {
  examples: { id: string; label: string }[];
  chosen: string[];
  onChange: (ids: string[]) => void;
}) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-700">Calibration examples</legend>
      {examples.length === 0 ? (
        <p className="text-xs text-slate-500">The calibration set is empty: add disagreements to it from the comparison with people.</p>
      ) : (
        examples.map((e) => (
          <label key={e.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={chosen.includes(e.id)}
              onChange={(event) => onChange(event.target.checked ? [...chosen, e.id] : chosen.filter((id) => id !== e.id))}
            />
            {e.label}
          </label>
        ))
      )}
    </fieldset>
  );
}
