"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/components/ui/api";
import { Field } from "@/components/ui/Field";
import { FormDialog } from "@/components/ui/FormDialog";

/** Deleting a dataset for good: the button stays disabled until the dataset's exact name is typed. */
export function DeleteDatasetDialog({ project, datasetId, name }: { project: string; datasetId: string; name: string }) {
  const router = useRouter();
  const [typed, setTyped] = useState("");
  return (
    <FormDialog
      label="Delete dataset"
      title={`Delete “${name}”?`}
      submitLabel="Delete for good"
      variant="danger"
      testId="delete-dataset"
      submitDisabled={typed !== name}
      onOpen={() => setTyped("")}
      onSubmit={async () => {
        await api(`/api/projects/${project}/datasets/${datasetId}`, { method: "DELETE", body: { confirm: typed } });
        router.push(`/p/${project}/datasets`);
        router.refresh();
      }}
    >
      <p className="text-sm text-slate-600">
        Every item, revision, published version and tag of this dataset is removed, and exports of its versions can no longer be made. This cannot be undone.
        Type the dataset&apos;s name to confirm.
      </p>
      <Field label={`Type ${name}`} name="confirm" id="delete-confirm" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
    </FormDialog>
  );
}
