import type { TraceDetail } from "@/lib/traces/detail";

type Score = TraceDetail["scores"][number];

function value(s: Score): string {
  if (s.numberValue !== null) return s.dataType === "BOOLEAN" ? (s.numberValue === 1 ? "yes (1)" : "no (0)") : String(s.numberValue);
  if (s.textValue !== null) return s.textValue;
  return JSON.stringify(s.jsonValue);
}

function rater(s: Score): string {
  if (s.raterUser) return s.raterUser.name || s.raterUser.email;
  if (s.raterApiKey) return `API key “${s.raterApiKey.name}”`;
  return s.raterVersion ? `${s.raterName}@${s.raterVersion}` : (s.raterName ?? "—");
}

function target(s: Score): string {
  if (s.span) return `span ${s.span.name}`;
  if (s.queueItemId) return "queue item";
  return "trace";
}

/** Every current score on the trace, its spans and its queue items, with source and rater. */
export function ScoreList({ scores }: { scores: Score[] }) {
  if (scores.length === 0) return <p className="text-sm text-slate-500">No scores yet.</p>;
  return (
    <table className="w-full text-left text-sm" data-testid="trace-scores">
      <thead className="border-b border-slate-200 text-slate-500">
        <tr>
          <th className="py-2 font-medium">Name</th>
          <th className="py-2 font-medium">Value</th>
          <th className="py-2 font-medium">Source</th>
          <th className="py-2 font-medium">Rater</th>
          <th className="py-2 font-medium">On</th>
          <th className="py-2 font-medium">Comment</th>
        </tr>
      </thead>
      <tbody>
        {scores.map((s) => (
          <tr key={s.id} className="border-b border-slate-100 align-top">
            <td className="py-2">
              {s.criterion ? `${s.criterion.label}` : s.name}
              {s.rubricVersion ? (
                <span className="block text-xs text-slate-500">{`${s.rubricVersion.rubric.name} v${s.rubricVersion.version ?? "draft"}`}</span>
              ) : null}
            </td>
            <td className="py-2 font-mono">{value(s)}</td>
            <td className="py-2">
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold text-slate-700">{s.source}</span>
            </td>
            <td className="py-2">{rater(s)}</td>
            <td className="py-2 text-slate-600">{target(s)}</td>
            <td className="whitespace-pre-wrap break-words py-2 text-slate-700">{s.comment ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
