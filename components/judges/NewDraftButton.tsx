"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/Button";
import { api, errorText } from "@/components/ui/api";

/** Starts (or replaces) the judge's draft as a copy of a published version. */
export function NewDraftButton({ project, judgeName, version }: { project: string; judgeName: string; version: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button
        variant="secondary"
        type="button"
        onClick={async () => {
          setError(null);
          try {
            await api(`/api/projects/${project}/judges/${encodeURIComponent(judgeName)}/draft`, { method: "PUT", body: { fromVersion: version } });
            router.refresh();
          } catch (e) {
            setError(errorText(e));
          }
        }}
      >
        New draft from v{version}
      </Button>
      {error ? <p className="text-xs text-red-700">{error}</p> : null}
    </>
  );
}
