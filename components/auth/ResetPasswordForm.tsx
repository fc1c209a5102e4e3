"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, api } from "@/components/ui/api";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const password = String(new FormData(event.currentTarget).get("password"));
        setBusy(true);
        setError(null);
        try {
          await api("/api/password-resets", { body: { token, password } });
          await signIn("credentials", { email, password, redirect: false });
          router.push("/");
          router.refresh();
        } catch (e) {
          setError(e instanceof ApiError ? e : new ApiError("Something went wrong", 500, "unknown"));
          setBusy(false);
        }
      }}
    >
      {error ? <Alert tone="error">{error.fieldErrors[0]?.message ?? error.message}</Alert> : null}
      <Field label="Email" name="email" value={email} readOnly />
      <Field label="New password (at least 10 characters)" name="password" type="password" required minLength={10} autoComplete="new-password" autoFocus />
      <Button type="submit" disabled={busy} className="w-full">
        {busy ? "Saving…" : "Set password and sign in"}
      </Button>
    </form>
  );
}
