"use client";

import { signOut } from "next-auth/react";
import { api } from "@/components/ui/api";
import { ConfirmButton } from "@/components/ui/ConfirmButton";

export function SignOutEverywhereButton() {
  return (
    <ConfirmButton
      label="Sign out everywhere"
      title="Sign out on every device?"
      body="Every session of your account ends at once, this one included. Sign in again with your password."
      confirmLabel="Sign out everywhere"
      variant="secondary"
      onConfirm={async () => {
        await api("/api/account/sessions", { method: "DELETE" });
        await signOut({ callbackUrl: "/signin" });
      }}
    />
  );
}
