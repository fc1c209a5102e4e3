"use client";

import { useEffect, useState } from "react";
import type { TImportDetail } from "@/lib/imports/schemas";
import { Alert } from "@/components/ui/Alert";
import { api } from "@/components/ui/api";

const FINAL = new Set(["DONE", "FAILED"]);

/** Follows one import (polling once a second until it ends) and shows its rejected rows. */
export function ImportProgress({ slug, importId }: { slug: string; importId: string }) {
  const [detail, setDetail] = useState<TImportDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await api<TImportDetail>(`/api/projects/${slug}/imports/${importId}`);
        if (stopped) return;
        setDetail(next);
        setProblem(null);
        if (FINAL.has(next.status)) return;
      } catch (error) {
        if (!stopped) setProblem(error instanceof Error ? error.message : "Could not load the import");
      }
      timer = setTimeout(poll, 1000);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [slug, importId]);

  if (problem && !detail) return <Alert tone="error">{problem}</Alert>;
  if (!detail) return <p className="text-sm text-slate-500">Loading…</p>;
  const pct = detail.sizeBytes ? Math.floor((100 * detail.processedBytes) / detail.sizeBytes) : 0;
  return (
    <div className="space-y-3" data-testid="import-progress">
      <p className="text-sm">
        <span className="font-medium">{detail.fileName}</span> · <span data-testid="import-status">{detail.status}</span>
        {detail.status === "RUNNING" ? ` · ${pct}%` : null}
      </p>
      <progress className="w-full" max={100} value={detail.status === "DONE" ? 100 : pct} aria-label="Import progress" />
      <p className="text-sm" data-testid="import-counts">
        {detail.accepted} accepted · {detail.rejected} rejected · {detail.rows} {detail.format === "CSV" ? "rows" : "lines"} read
      </p>
      {detail.error ? <Alert tone="error">{detail.error}</Alert> : null}
      {detail.errors.length ? (
        <table className="w-full text-sm" aria-label="Rejected rows">
          <thead>
            <tr className="text-left text-xs text-slate-500">
              <th className="py-1 pr-4 font-medium">{detail.format === "CSV" ? "Row" : "Line"}</th>
              <th className="py-1 pr-4 font-medium">Code</th>
              <th className="py-1 font-medium">Why</th>
            </tr>
          </thead>
          <tbody>
            {detail.errors.map((e) => (
              <tr key={e.line} className="border-t border-slate-100 align-top">
                <td className="py-1 pr-4 font-mono">{e.line}</td>
                <td className="py-1 pr-4 font-mono text-xs">{e.code}</td>
                <td className="py-1 break-all">{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {detail.rejected > detail.errors.length ? <p className="text-xs text-slate-500">Only the first {detail.errors.length} rejected rows are kept.</p> : null}
    </div>
  );
}
