import type { TCriterionDiff, TVersionDiff } from "@/lib/rubrics/diff";

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v, null, 1));
const STATUS_STYLE = {
  added: "border-emerald-300 bg-emerald-50",
  removed: "border-red-300 bg-red-50",
  changed: "border-amber-300 bg-amber-50",
  unchanged: "border-slate-200",
} as const;

function Side({ criterion }: { criterion?: { label: string; type: string; question: string } }) {
  if (!criterion) return <div className="text-sm text-slate-400">—</div>;
  return (
    <div className="text-sm">
      <p className="font-medium">
        {criterion.label} <span className="text-xs text-slate-500">{criterion.type}</span>
      </p>
      <p className="text-slate-600">{criterion.question}</p>
    </div>
  );
}

function Row({ c }: { c: TCriterionDiff }) {
  const before = c.status === "added" ? undefined : c.before;
  const after = c.status === "removed" ? undefined : c.after;
  return (
    <li className={`rounded-md border p-3 ${STATUS_STYLE[c.status]}`} data-testid={`diff-${c.key}`}>
      <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600">
        {c.key} · {c.status}
        {"moved" in c && c.moved ? " · moved" : ""}
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Side criterion={before} />
        <Side criterion={after} />
      </div>
      {"changes" in c && c.changes.length > 0 ? (
        <table className="mt-2 w-full table-fixed text-left text-xs">
          <tbody>
            {c.changes.map((ch) => (
              <tr key={ch.field} className="border-t border-amber-200 align-top">
                <th className="w-1/5 py-1 pr-2 font-mono font-normal">{ch.field}</th>
                <td className="w-2/5 whitespace-pre-wrap py-1 pr-2 text-red-800 line-through decoration-red-300">{show(ch.before)}</td>
                <td className="w-2/5 whitespace-pre-wrap py-1 text-emerald-800">{show(ch.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </li>
  );
}

/** Two versions side by side: the older on the left, the newer on the right. */
export function VersionDiff({ diff, fromGuidelines, toGuidelines }: { diff: TVersionDiff; fromGuidelines: string; toGuidelines: string }) {
  if (diff.same) return <p className="text-sm text-slate-600">These versions are the same.</p>;
  return (
    <div className="space-y-3">
      {diff.guidelinesChanged ? (
        <div className="grid gap-3 rounded-md border border-amber-300 bg-amber-50 p-3 sm:grid-cols-2" data-testid="diff-guidelines">
          <pre className="whitespace-pre-wrap text-xs text-red-800">{fromGuidelines}</pre>
          <pre className="whitespace-pre-wrap text-xs text-emerald-800">{toGuidelines}</pre>
        </div>
      ) : null}
      <ul className="space-y-2">
        {diff.criteria.map((c) => (
          <Row key={c.key} c={c} />
        ))}
      </ul>
    </div>
  );
}
