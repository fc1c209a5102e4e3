"use client";

import { useState } from "react";
import type { TTracesToDatasetResult } from "@/lib/datasets/promote-schemas";
import { api, errorText } from "@/components/ui/api";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";

interface Props {
  slug: string;
  datasets: { id: string; name: string }[];
  selectedIds: string[];
  /** The list's filter as URL fields: "all matching" sends it, the server resolves it now. */
  filter: Record<string, string>;
  onAdded: () => void;
}

function summary(r: TTracesToDatasetResult): string {
  const parts = [`Added ${r.added} item${r.added === 1 ? "" : "s"} to the dataset.`];
  if (r.duplicates) parts.push(`${r.duplicates} with an input already there, skipped.`);
  if (r.rejected) parts.push(`${r.rejected} rejected: ${r.results.find((x) => x.status === "rejected")?.message ?? ""}`);
  if (r.missing) parts.push(`${r.missing} no longer exist.`);
  return parts.join(" ");
}

/** Copies the checked traces, or every trace matching the filter, into a golden dataset: input, output as expected output, retrieved context. */
export function AddToDataset({ slug, datasets, selectedIds, filter, onAdded }: Props) {
  const [datasetId, setDatasetId] = useState(datasets[0]?.id ?? "");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  if (datasets.length === 0) return <p className="text-sm text-slate-500">This project has no open dataset to add traces to.</p>;

  async function add(selection: object) {
    setBusy(true);
    setMessage(null);
    try {
      const result = await api<TTracesToDatasetResult>(`/api/projects/${slug}/datasets/${datasetId}/from-traces`, { body: { selection } });
      setMessage({ tone: "success", text: summary(result) });
      onAdded();
    } catch (e) {
      setMessage({ tone: "error", text: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-2" data-testid="add-to-dataset">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="target-dataset" className="text-sm font-medium text-slate-700">
          Add to dataset
        </label>
        <select
          id="target-dataset"
          value={datasetId}
          onChange={(e) => setDatasetId(e.target.value)}
          className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        >
          {datasets.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        <Button type="button" disabled={busy || selectedIds.length === 0} onClick={() => add({ traceIds: selectedIds })}>
          Add {selectedIds.length} selected to dataset
        </Button>
        <Button type="button" variant="secondary" disabled={busy} onClick={() => add({ filter })}>
          Add all matching to dataset
        </Button>
      </div>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </div>
  );
}
