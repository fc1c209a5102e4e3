import type { TItemView } from "./types";

function shown(v: { numberValue: number | null; textValue: string | null; jsonValue: unknown; dataType: string }): string {
  if (v.numberValue !== null) return v.dataType === "BOOLEAN" ? (v.numberValue === 1 ? "yes" : "no") : String(v.numberValue);
  return v.textValue ?? JSON.stringify(v.jsonValue);
}

/** Other raters' labels and automated scores, or why they are hidden (blind queue, before own submit). */
export function OthersLabels({ others }: { others: TItemView["others"] }) {
  if (others.hidden) {
    return (
      <p className="rounded-md border border-dashed border-slate-300 p-2 text-xs text-slate-500" data-testid="others-hidden">
        Blind queue: other raters&apos; labels and automated scores appear once you submit your own.
      </p>
    );
  }
  const rows = [...others.labels, ...others.automatedScores];
  if (rows.length === 0) return null;
  return (
    <details className="text-sm" data-testid="others-labels">
      <summary className="cursor-pointer text-slate-600">Other labels and scores ({rows.length})</summary>
      <ul className="mt-1 space-y-0.5">
        {rows.map((s) => (
          <li key={s.id}>
            <span className="font-mono">{s.name}</span> = {shown(s)} <span className="text-slate-500">· {s.raterName ?? s.source}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
