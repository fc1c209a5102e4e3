"use client";

import { useRouter } from "next/navigation";
import { api } from "@/components/ui/api";
import { Field } from "@/components/ui/Field";
import { FormDialog } from "@/components/ui/FormDialog";
import { JsonArea } from "./JsonArea";
import { jsonField } from "./fields";

/** Creates a dataset (name, description, optional JSON Schemas) and opens it. */
export function NewDatasetDialog({ project }: { project: string }) {
  const router = useRouter();
  return (
    <FormDialog
      label="New dataset"
      title="New dataset"
      submitLabel="Create dataset"
      testId="new-dataset"
      onSubmit={async (form) => {
        const created = await api<{ id: string }>(`/api/projects/${project}/datasets`, {
          body: {
            name: String(form.get("name")),
            description: String(form.get("description") ?? ""),
            inputSchema: jsonField(form, "inputSchema", null),
            expectedSchema: jsonField(form, "expectedSchema", null),
          },
        });
        router.push(`/p/${project}/datasets/${created.id}`);
      }}
    >
      <Field label="Name (unique in this project)" name="name" id="dataset-name" required maxLength={100} />
      <Field label="Description" name="description" id="dataset-description" maxLength={5000} />
      <p className="text-xs text-slate-500">Splits (train, test, eval.hard, …) are given per item, when items are added.</p>
      <JsonArea name="inputSchema" label="Input JSON Schema (optional)" hint='For example {"type": "string"}' />
      <JsonArea name="expectedSchema" label="Expected output JSON Schema (optional)" />
    </FormDialog>
  );
}
