"use client";

import { useRouter } from "next/navigation";
import { api } from "@/components/ui/api";
import { FormDialog } from "@/components/ui/FormDialog";

/** Publishes the current items as the next version; a refusal lists each failing item and path. */
export function PublishDialog({ project, datasetId, next }: { project: string; datasetId: string; next: number }) {
  const router = useRouter();
  return (
    <FormDialog
      label="Publish version"
      title={`Publish version ${next}`}
      submitLabel="Publish"
      testId="publish-version"
      onSubmit={async (form) => {
        await api(`/api/projects/${project}/datasets/${datasetId}/versions`, { body: { note: String(form.get("note") ?? "") } });
        router.refresh();
      }}
    >
      <p className="text-sm text-slate-600">
        Freezes the current revisions of the unarchived items. Every item is checked against the dataset&apos;s schemas first; a published version never
        changes.
      </p>
      <label className="block text-sm font-medium text-slate-700">
        Note
        <textarea name="note" rows={2} maxLength={2000} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
      </label>
    </FormDialog>
  );
}
