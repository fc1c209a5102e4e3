"use client";

import type { TTracesToDatasetResult } from "@/lib/datasets/promote-schemas";
import { api } from "@/components/ui/api";
import { SelectionTarget } from "./SelectionTarget";

interface Props {
  slug: string;
  datasets: { id: string; name: string }[];
  selectedIds: string[];
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
export function AddToDataset({ slug, datasets, onAdded, ...selection }: Props) {
  return (
    <SelectionTarget
      noun="dataset"
      targets={datasets}
      {...selection}
      send={async (datasetId, body) =>
        summary(await api<TTracesToDatasetResult>(`/api/projects/${slug}/datasets/${datasetId}/from-traces`, { body: { selection: body } }))
      }
      onDone={onAdded}
    />
  );
}
