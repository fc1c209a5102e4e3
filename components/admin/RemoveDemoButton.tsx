"use client";

import { useRouter } from "next/navigation";
import { api } from "@/components/ui/api";
import { ConfirmButton } from "@/components/ui/ConfirmButton";

export function RemoveDemoButton() {
  const router = useRouter();
  return (
    <ConfirmButton
      label="Remove demo credentials"
      title="Remove the demo credentials?"
      body="The demo accounts are deactivated and their published password stops working. Their labels stay. Make sure you have your own admin account first."
      confirmLabel="Remove"
      onConfirm={async () => {
        await api("/api/admin/demo-credentials", { method: "DELETE" });
        router.refresh();
      }}
    />
  );
}
