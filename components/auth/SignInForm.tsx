"use client";

import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { signInErrorText } from "@/lib/auth/sign-in-errors";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";

export function SignInForm({ providers }: { providers: { id: string; name: string }[] }) {
  const router = useRouter();
  const search = useSearchParams();
  const [error, setError] = useState<string | null>(signInErrorText(search.get("error")));
  const [busy, setBusy] = useState(false);
  const callbackUrl = safeCallback(search.get("callbackUrl"));

  return (
    <div className="space-y-4">
      <form
        className="space-y-4"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          setBusy(true);
          setError(null);
          const result = await signIn("credentials", { email: String(form.get("email")), password: String(form.get("password")), redirect: false });
          setBusy(false);
          if (result?.status === 429) {
            setError("Too many failed sign-ins from here. Wait a few minutes, then try again.");
            return;
          }
          if (!result || result.error) {
            setError("Wrong email or password, or the account is deactivated.");
            return;
          }
          router.push(callbackUrl);
          router.refresh();
        }}
      >
        {error ? <Alert tone="error">{error}</Alert> : null}
        <Field label="Email" name="email" type="email" autoComplete="username" required autoFocus />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        <Button type="submit" disabled={busy} className="w-full">
          {busy ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {providers.map((p) => (
        <Button key={p.id} variant="secondary" className="w-full" type="button" onClick={() => signIn(p.id, { callbackUrl })}>
          Continue with {p.name}
        </Button>
      ))}
    </div>
  );
}

/** Only our own paths: an open redirect through the sign-in page helps phishing. */
function safeCallback(value: string | null): string {
  if (!value) return "/";
  try {
    const url = new URL(value, window.location.origin);
    return url.origin === window.location.origin ? `${url.pathname}${url.search}` : "/";
  } catch {
    return "/";
  }
}
