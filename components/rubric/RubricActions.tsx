"use client";

import { useRouter } from "next/navigation";
import { api } from "@/components/ui/api";
import { Button } from "@/components/ui/Button";
import { ConfirmButton } from "@/components/ui/ConfirmButton";

/** Start or open the next draft, and archive or restore the rubric. */
export function RubricActions({ project, rubricId, archived, hasDraft }: { project: string; rubricId: string; archived: boolean; hasDraft: boolean }) {
  const router = useRouter();
  const base = `/api/projects/${project}/rubrics/${rubricId}`;
  return (
    <div className="flex flex-wrap gap-2">
      {archived ? null : (
        <Button
          type="button"
          onClick={async () => {
            await api(`${base}/draft`, { method: "POST" });
            router.push(`/p/${project}/rubrics/${rubricId}/draft`);
          }}
        >
          {hasDraft ? "Edit draft" : "Edit (starts the next draft)"}
        </Button>
      )}
      {archived ? (
        <Button
          type="button"
          variant="secondary"
          onClick={async () => {
            await api(base, { method: "PATCH", body: { archived: false } });
            router.refresh();
          }}
        >
          Restore
        </Button>
      ) : (
        <ConfirmButton
          label="Archive"
          title="Archive this rubric?"
          body="No new queue can use it. Its versions, queues and labels stay as they are, and you can restore it later."
          confirmLabel="Archive rubric"
          onConfirm={async () => {
            await api(base, { method: "PATCH", body: { archived: true } });
            router.refresh();
          }}
        />
      )}
    </div>
  );
}
