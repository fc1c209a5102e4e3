"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { api } from "@/components/ui/api";
import { ErrorDetails } from "@/components/ui/ErrorDetails";
import { DiffLists } from "./DiffLists";
import type { VersionDiff } from "./diff-types";

interface Props {
  project: string;
  datasetId: string;
  /** Version numbers and tags, newest first. */
  refs: { value: string; label: string }[];
  from: string;
  to: string;
}

const select = "mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/** Two versions side by side: summary counts, then added, removed and changed items a page at a time. */
export function CompareView({ project, datasetId, refs, from, to }: Props) {
  const router = useRouter();
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<{ diff?: VersionDiff; error?: unknown; loading: boolean }>({ loading: true });
  useEffect(() => {
    let live = true;
    const query = new URLSearchParams({ from, to, limit: "100", ...(cursor ? { cursor } : {}) });
    api<VersionDiff>(`/api/projects/${project}/datasets/${datasetId}/diff?${query}`)
      .then((diff) => live && setState({ diff, loading: false }))
      .catch((error) => live && setState({ error, loading: false }));
    return () => {
      live = false;
    };
  }, [project, datasetId, from, to, cursor]);
  const pick = (change: { from?: string; to?: string }) => {
    setCursor(null);
    setState({ loading: true });
    router.replace(`?${new URLSearchParams({ from, to, ...change })}`);
  };
  const { diff } = state;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-4">
        {(["from", "to"] as const).map((side) => (
          <label key={side} className="text-sm font-medium text-slate-700">
            {side === "from" ? "From" : "To"}
            <select className={select} value={side === "from" ? from : to} onChange={(e) => pick({ [side]: e.target.value })} data-testid={`compare-${side}`}>
              {refs.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {state.loading ? (
        <p role="status" className="text-sm text-slate-500">
          Comparing…
        </p>
      ) : null}
      <ErrorDetails error={state.error} />
      {diff ? (
        <>
          <p className="text-sm" data-testid="diff-summary">
            v{diff.from.number} → v{diff.to.number}: {diff.summary.added} added · {diff.summary.removed} removed · {diff.summary.changed} changed ·{" "}
            {diff.summary.unchanged} unchanged
          </p>
          <DiffLists diff={diff} />
          {diff.summary.added + diff.summary.removed + diff.summary.changed === 0 ? (
            <p className="text-sm text-slate-600">The two versions hold the same items.</p>
          ) : null}
          <nav aria-label="Pages" className="flex justify-end gap-2">
            {cursor ? (
              <button type="button" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm" onClick={() => setCursor(null)}>
                ← First page
              </button>
            ) : null}
            {diff.nextCursor ? (
              <button type="button" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm" onClick={() => setCursor(diff.nextCursor)}>
                Next page →
              </button>
            ) : null}
          </nav>
        </>
      ) : null}
    </div>
  );
}
