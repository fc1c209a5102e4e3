import type { RetrievedDocument } from "@/lib/traces/view";

/** Retrieved documents as cards, in rank order, their text shown as text. */
export function DocumentCards({ documents }: { documents: RetrievedDocument[] }) {
  return (
    <ol className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="retrieved-documents">
      {documents.map((d, i) => (
        <li key={i} className="rounded-md border border-slate-200 bg-white p-3 shadow-sm">
          <div className="flex items-baseline justify-between gap-2">
            <p className="font-medium text-slate-900">{d.title ?? d.id ?? `Document ${i + 1}`}</p>
            {d.score !== null ? <span className="text-xs text-slate-500">score {d.score}</span> : null}
          </div>
          {d.id && d.title ? <p className="font-mono text-xs text-slate-400">{d.id}</p> : null}
          <p className="mt-2 whitespace-pre-wrap break-words text-sm text-slate-700">{d.text}</p>
        </li>
      ))}
    </ol>
  );
}
