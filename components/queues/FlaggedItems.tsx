interface Flagged {
  itemId: string;
  traceId: string;
  traceBId: string | null;
  submittedCount: number;
  flags: { userId: string; name: string | null; reason: string | null; flaggedAt: string }[];
  skips: { userId: string; name: string | null; reason: string; skippedAt: string }[];
  comments: { id: string; body: string; createdAt: string }[];
}

/** Items raters flagged or skipped with a reason, with those reasons and the comments on the item. */
export function FlaggedItems({ items }: { items: Flagged[] }) {
  if (items.length === 0) return <p className="text-sm text-slate-500">Nothing flagged or skipped with a reason.</p>;
  return (
    <ul className="space-y-3 text-sm" data-testid="flagged-items">
      {items.map((i) => (
        <li key={i.itemId} className="rounded-md border border-slate-200 p-3">
          <p className="font-mono text-xs text-slate-500">
            item {i.itemId} · {i.submittedCount} labels
          </p>
          <ul className="mt-1">
            {i.flags.map((f) => (
              <li key={f.userId}>
                ⚑ {f.name ?? "A rater"}
                {f.reason ? `: ${f.reason}` : ""}
              </li>
            ))}
            {i.skips.map((s) => (
              <li key={s.userId} className="text-slate-600">
                Skipped by {s.name ?? "a rater"}: {s.reason}
              </li>
            ))}
          </ul>
          {i.comments.length ? (
            <ul className="mt-1 space-y-1 border-l-2 border-slate-200 pl-2 text-slate-700">
              {i.comments.map((c) => (
                <li key={c.id} className="whitespace-pre-wrap">
                  {c.body}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
