"use client";

import { useRouter } from "next/navigation";
import { api } from "@/components/ui/api";
import { ConfirmButton } from "@/components/ui/ConfirmButton";

/** Archives an item (a new revision; versions already published keep it) or brings it back. */
export function ArchiveItemButton({ url, archived }: { url: string; archived: boolean }) {
  const router = useRouter();
  return (
    <ConfirmButton
      variant="secondary"
      label={archived ? "Bring item back" : "Archive item"}
      title={archived ? "Bring this item back?" : "Archive this item?"}
      body={archived ? "The next version published includes it again." : "The next version published leaves it out. Published versions keep it."}
      confirmLabel={archived ? "Bring back" : "Archive"}
      onConfirm={async () => {
        await api(url, { method: "PATCH", body: { archived: !archived } });
        router.refresh();
      }}
    />
  );
}
