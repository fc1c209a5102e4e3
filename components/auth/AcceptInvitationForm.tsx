"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, api } from "@/components/ui/api";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";

interface Props {
  token: string;
  email: string;
  /** The invited email already has an account: accepting needs that account signed in. */
  hasAccount: boolean;
  signedInAs: string | null;
}

export function AcceptInvitationForm({ token, email, hasAccount, signedInAs }: Props) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = (path: string) => error?.fieldErrors.find((e) => e.path === path)?.message;

  if (hasAccount && signedInAs !== email) {
    return (
      <Alert tone="info">
        {email} already has an account.{" "}
        <a className="underline" href={`/signin?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}>
          Sign in as {email}
        </a>{" "}
        to accept.
      </Alert>
    );
  }

  return (
    <form
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const password = hasAccount ? undefined : String(form.get("password"));
        setBusy(true);
        setError(null);
        try {
          const result = await api<{ projectSlug: string }>("/api/invitations/accept", {
            body: { token, ...(hasAccount ? {} : { name: String(form.get("name")), password }) },
          });
          if (password) await signIn("credentials", { email, password, redirect: false });
          router.push(`/p/${result.projectSlug}`);
          router.refresh();
        } catch (e) {
          setError(e instanceof ApiError ? e : new ApiError("Something went wrong", 500, "unknown"));
          setBusy(false);
        }
      }}
    >
      {error && error.fieldErrors.length === 0 ? <Alert tone="error">{error.message}</Alert> : null}
      {hasAccount ? null : (
        <>
          <Field label="Email" name="email" value={email} readOnly />
          <Field label="Your name" name="name" required autoComplete="name" error={fieldError("name")} autoFocus />
          <Field
            label="Choose a password (at least 10 characters)"
            name="password"
            type="password"
            required
            minLength={10}
            autoComplete="new-password"
            error={fieldError("password")}
          />
        </>
      )}
      <Button type="submit" disabled={busy} className="w-full">
        {busy ? "Joining…" : "Accept and join"}
      </Button>
    </form>
  );
}
