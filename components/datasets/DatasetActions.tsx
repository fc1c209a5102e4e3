"use client";

import { useRouter } from "next/navigation";
import { api } from "@/components/ui/api";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { DeleteDatasetDialog } from "./DeleteDatasetDialog";

interface Props {
  project: string;
  datasetId: string;
  name: string;
  archived: boolean;
  canWrite: boolean;
  canDelete: boolean;
}

/** Archive or bring back (datasets:write), delete (ADMIN). */
export function DatasetActions({ project, datasetId, name, archived, canWrite, canDelete }: Props) {
  const router = useRouter();
  return (
    <div className="flex gap-2">
      {canWrite ? (
        <ConfirmButton
          variant="secondary"
          label={archived ? "Bring back" : "Archive"}
          title={archived ? "Bring this dataset back?" : "Archive this dataset?"}
          body={
            archived
              ? "Its items can be changed again and new versions published."
              : "Its items can no longer change and no version can be published. Its versions stay downloadable."
          }
          confirmLabel={archived ? "Bring back" : "Archive"}
          onConfirm={async () => {
            await api(`/api/projects/${project}/datasets/${datasetId}`, { method: "PATCH", body: { archived: !archived } });
            router.refresh();
          }}
        />
      ) : null}
      {canDelete ? <DeleteDatasetDialog project={project} datasetId={datasetId} name={name} /> : null}
    </div>
  );
}
