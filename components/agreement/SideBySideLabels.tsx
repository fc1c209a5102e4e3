import { shownValue } from "./format";
import type { TDisputedItem } from "./types";

/** The raters' current labels next to each other, numbered for the digit that picks one. */
export function SideBySideLabels({ unit, picked }: { unit: TDisputedItem; picked: string | null }) {
  return (
    <ol className="grid gap-3 sm:grid-cols-2" data-testid="side-by-side">
      {unit.labels.map((l, i) => (
        <li
          key={l.labelId}
          data-testid="rater-label"
          data-picked={picked === l.labelId}
          className={`rounded-lg border p-3 text-sm ${picked === l.labelId ? "border-indigo-500 ring-2 ring-indigo-200" : "border-slate-200"}`}
        >
          <div className="flex items-baseline gap-2">
            <kbd className="rounded border border-slate-300 px-1.5 text-xs">{i + 1}</kbd>
            <span className="font-semibold">{l.raterName}</span>
            {l.revision > 1 ? <span className="text-xs text-slate-500">revision {l.revision}</span> : null}
          </div>
          <p className="mt-1 text-lg font-semibold" data-testid="rater-value">
            {shownValue(l.value)}
          </p>
          {l.comment ? <p className="mt-1 text-slate-700">“{l.comment}”</p> : null}
          {l.rationale.map((r) => (
            <p key={r.criterion} className="mt-1 text-slate-700">
              <span className="text-xs uppercase text-slate-500">{r.criterion}</span> {r.text}
            </p>
          ))}
        </li>
      ))}
    </ol>
  );
}
