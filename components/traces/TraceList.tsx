"use client";

import Link from "next/link";
import { useState } from "react";
import type { TTraceJudge } from "@/lib/judge-versions/schemas";
import type { TTraceRow } from "@/lib/traces/schemas";
import { traceHref } from "@/lib/traces/url";
import { formatDuration } from "@/lib/traces/view";
import { AddToDataset } from "./AddToDataset";
import { RunJudge } from "./RunJudge";
import { SendToQueue } from "./SendToQueue";

interface Props {
  slug: string;
  rows: TTraceRow[];
  /** Queues the caller may add to; null when their role may not. */
  queues: { id: string; name: string }[] | null;
  /** Datasets the caller may add to; null when their role may not. */
  datasets?: { id: string; name: string }[] | null;
  /** Judge versions the caller may run on traces; null when their role may not. */
  judges?: TTraceJudge[] | null;
  filter: Record<string, string>;
}

/** The page of traces. Content previews are untrusted and rendered only as text. */
export function TraceList({ slug, rows, queues, datasets = null, judges = null, filter }: Props) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const selectable = queues !== null || datasets !== null || judges !== null;
  const allChecked = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  if (rows.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="traces-empty">
        <p className="font-medium text-slate-800">{Object.keys(filter).length ? "No traces match these filters." : "No traces yet."}</p>
        <p className="mt-1 text-sm text-slate-500">
          {Object.keys(filter).length ? (
            <Link href={`/p/${slug}/traces`} className="text-indigo-700 hover:underline">
              Clear the filters
            </Link>
          ) : (
            "Send some with an API key; see docs/api.md."
          )}
        </p>
      </div>
    );
  }

  return (
    <div className="space-y-3">
      {queues !== null ? <SendToQueue slug={slug} queues={queues} selectedIds={[...selected]} filter={filter} onSent={() => setSelected(new Set())} /> : null}
      {datasets !== null ? (
        <AddToDataset slug={slug} datasets={datasets} selectedIds={[...selected]} filter={filter} onAdded={() => setSelected(new Set())} />
      ) : null}
      {judges !== null ? <RunJudge slug={slug} judges={judges} selectedIds={[...selected]} filter={filter} /> : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full table-fixed text-left text-sm" data-testid="trace-list">
          <thead className="border-b border-slate-200 text-slate-500">
            <tr>
              {selectable ? (
                <th className="w-10 px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label="Select every trace on this page"
                    checked={allChecked}
                    onChange={() => setSelected(allChecked ? new Set() : new Set(rows.map((r) => r.id)))}
                  />
                </th>
              ) : null}
              <th className="w-40 px-2 py-2 font-medium">Trace</th>
              <th className="px-2 py-2 font-medium">Input</th>
              <th className="px-2 py-2 font-medium">Output</th>
              <th className="w-32 px-2 py-2 font-medium">Tags</th>
              <th className="w-20 px-2 py-2 font-medium">Release</th>
              <th className="w-40 px-2 py-2 font-medium">Start (UTC)</th>
              <th className="w-20 px-2 py-2 text-right font-medium">Duration</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-slate-100 align-top hover:bg-slate-50" data-testid={`trace-row-${r.externalId}`}>
                {selectable ? (
                  <td className="px-3 py-2">
                    <input type="checkbox" aria-label={`Select trace ${r.externalId}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
                  </td>
                ) : null}
                <td className="px-2 py-2">
                  <Link href={traceHref(slug, r.externalId)} className="block truncate font-mono text-xs text-indigo-700 hover:underline">
                    {r.externalId}
                  </Link>
                  <span className="block truncate text-xs text-slate-500">{r.name}</span>
                </td>
                <td className="line-clamp-3 break-words px-2 py-2 text-slate-700">{r.inputPreview}</td>
                <td className="break-words px-2 py-2 text-slate-700">{r.outputPreview}</td>
                <td className="px-2 py-2 text-xs text-slate-600">{r.tags.join(", ")}</td>
                <td className="px-2 py-2">{r.release ?? "—"}</td>
                <td className="px-2 py-2 tabular-nums text-slate-500">{r.startTime.replace("T", " ").slice(0, 19)}</td>
                <td className="px-2 py-2 text-right tabular-nums text-slate-500">{formatDuration(r.durationMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
