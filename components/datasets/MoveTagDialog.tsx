"use client";

import { useRouter } from "next/navigation";
import { api } from "@/components/ui/api";
import { Field } from "@/components/ui/Field";
import { FormDialog } from "@/components/ui/FormDialog";

/** Points a tag (prod, candidate, …) at a version; a tag already in use moves. */
export function MoveTagDialog({ project, datasetId, versions }: { project: string; datasetId: string; versions: number[] }) {
  const router = useRouter();
  return (
    <FormDialog
      label="Move tag"
      title="Point a tag at a version"
      submitLabel="Move tag"
      variant="secondary"
      testId="move-tag"
      onSubmit={async (form) => {
        const tag = encodeURIComponent(String(form.get("tag")).trim());
        await api(`/api/projects/${project}/datasets/${datasetId}/tags/${tag}`, { method: "PUT", body: { version: Number(form.get("version")) } });
        router.refresh();
      }}
    >
      <Field
        label="Tag"
        name="tag"
        id="tag-name"
        required
        pattern="[A-Za-z][A-Za-z0-9_.\-]{0,49}"
        title="A letter, then letters, digits and _ . -"
        placeholder="prod"
      />
      <label className="block text-sm font-medium text-slate-700">
        Version
        <select name="version" className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm" id="tag-version">
          {versions.map((n) => (
            <option key={n} value={n}>
              v{n}
            </option>
          ))}
        </select>
      </label>
    </FormDialog>
  );
}
