// Inside the (list) group so it wraps only the list: a dataset page must still answer 404 for a missing dataset.

/** Shown while a dataset screen loads. */
export default function LoadingDatasets() {
  return (
    <div role="status" aria-live="polite" className="space-y-3" data-testid="datasets-loading">
      <p className="text-sm text-slate-500">Loading datasets…</p>
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="h-10 animate-pulse rounded bg-slate-200/70" />
      ))}
    </div>
  );
}
