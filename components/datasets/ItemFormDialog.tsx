"use client";

import { useRouter } from "next/navigation";
import type { TItem } from "@/lib/datasets/schemas";
import { ApiError, api } from "@/components/ui/api";
import { FormDialog } from "@/components/ui/FormDialog";
import { JsonArea } from "./JsonArea";
import { asJsonText, asValueText, jsonField, listField, valueField } from "./fields";

interface AddResult {
  status: "added" | "duplicate" | "rejected";
  duplicateOf?: string;
  message?: string;
  code?: string;
  errors?: { path: string; message: string }[];
}

const VALUE_HINT = 'Plain text, or JSON when it starts with { [ or " (messages, objects).';

/** Adds an item by hand, or changes one by appending a revision (`item` given). */
export function ItemFormDialog({ project, datasetId, item, knownSplits }: { project: string; datasetId: string; item?: TItem; knownSplits: string[] }) {
  const router = useRouter();
  const url = `/api/projects/${project}/datasets/${datasetId}/items`;
  const fields = (form: FormData) => ({
    input: valueField(form, "input"),
    expectedOutput: valueField(form, "expectedOutput"),
    metadata: jsonField(form, "metadata", {}),
    splits: listField(form, "splits"),
    tags: listField(form, "tags"),
    exact: form.get("exact") === "on",
  });
  return (
    <FormDialog
      label={item ? "Edit item" : "Add item"}
      title={item ? "Edit item: saved as a new revision" : "Add an item by hand"}
      submitLabel={item ? "Save revision" : "Add item"}
      variant={item ? "secondary" : "primary"}
      testId={item ? "edit-item" : "add-item"}
      onSubmit={async (form) => {
        if (item) {
          await api(`${url}/${item.id}`, { method: "PATCH", body: fields(form) });
        } else {
          const answer = await api<{ results: AddResult[] }>(url, { body: { items: [fields(form)], duplicates: form.get("keep") === "on" ? "keep" : "skip" } });
          const [result] = answer.results;
          if (result.status === "duplicate")
            throw new ApiError(`A near-duplicate is already in the dataset (item ${result.duplicateOf}). Tick “Add even so” to keep both.`, 409, "duplicate", [
              { path: "input", message: `same normalized input as ${result.duplicateOf}` },
            ]);
          if (result.status === "rejected")
            throw new ApiError(result.message ?? "The item was refused", 422, result.code ?? "validation_failed", result.errors ?? []);
        }
        router.refresh();
      }}
    >
      <JsonArea name="input" label="Input" rows={item ? 4 : 3} defaultValue={item ? asValueText(item.input) : ""} hint={VALUE_HINT} />
      <JsonArea name="expectedOutput" label="Expected output" defaultValue={item ? asValueText(item.expectedOutput) : ""} />
      <div className="grid gap-3 sm:grid-cols-2">
        <JsonArea
          name="splits"
          label="Splits (comma-separated)"
          rows={1}
          defaultValue={item?.splits.join(", ")}
          hint={knownSplits.length ? `In use: ${knownSplits.join(", ")}` : "For example train, test"}
        />
        <JsonArea name="tags" label="Tags (comma-separated)" rows={1} defaultValue={item?.tags.join(", ")} />
      </div>
      <JsonArea
        name="metadata"
        label="Metadata (JSON object)"
        rows={2}
        defaultValue={item && Object.keys(item.metadata).length ? asJsonText(item.metadata) : ""}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="exact" defaultChecked={item?.exact} /> The expected output is exact text to match
      </label>
      {item ? null : (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="keep" /> Add even so when a near-duplicate is already in the dataset
        </label>
      )}
    </FormDialog>
  );
}
