// Inside the (list) group so it wraps only the list: a loading boundary makes its segment
// stream, and a trace page that streamed first could no longer answer 404 for a missing trace.

/** Shown while a filter or a page of traces loads. */
export default function LoadingTraces() {
  return (
    <div role="status" aria-live="polite" className="space-y-3" data-testid="traces-loading">
      <p className="text-sm text-slate-500">Loading traces…</p>
      {[0, 1, 2, 3, 4].map((i) => (
        <div key={i} className="h-10 animate-pulse rounded bg-slate-200/70" />
      ))}
    </div>
  );
}
