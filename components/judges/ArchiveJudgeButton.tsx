"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { api, errorText } from "@/components/ui/api";

/** Archives a judge behind a confirmation, or brings an archived one back at once (nothing is lost either way). */
export function ArchiveJudgeButton({ project, judgeName, archived }: { project: string; judgeName: string; archived: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const setArchived = (value: boolean) =>
    api(`/api/projects/${project}/judges/${encodeURIComponent(judgeName)}`, { method: "PATCH", body: { archived: value } }).then(() => router.refresh());
  if (!archived) {
    return (
      <ConfirmButton
        label="Archive"
        title={`Archive ${judgeName}?`}
        body="An archived judge starts no new runs and takes no new draft. Its versions, runs and scores stay, runs already going finish, and it can be brought back."
        confirmLabel="Archive"
        variant="secondary"
        onConfirm={() => setArchived(true)}
      />
    );
  }
  return (
    <>
      <Button
        variant="secondary"
        type="button"
        aria-label={`Bring back ${judgeName}`}
        onClick={async () => {
          setError(null);
          try {
            await setArchived(false);
          } catch (e) {
            setError(errorText(e));
          }
        }}
      >
        Bring back
      </Button>
      {error ? <p className="text-xs text-red-700">{error}</p> : null}
    </>
  );
}
