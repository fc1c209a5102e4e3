"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, api } from "@/components/ui/api";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";

/** The first account of an empty instance: it becomes the instance admin. */
export function SignUpForm() {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = (path: string) => error?.fieldErrors.find((e) => e.path === path)?.message;

  return (
    <form
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const body = { email: String(form.get("email")), name: String(form.get("name")), password: String(form.get("password")) };
        setBusy(true);
        setError(null);
        try {
          await api("/api/signup", { body });
          await signIn("credentials", { email: body.email, password: body.password, redirect: false });
          router.push("/");
          router.refresh();
        } catch (e) {
          setError(e instanceof ApiError ? e : new ApiError("Something went wrong", 500, "unknown"));
          setBusy(false);
        }
      }}
    >
      {error && error.fieldErrors.length === 0 ? <Alert tone="error">{error.message}</Alert> : null}
      <Field label="Your name" name="name" required autoComplete="name" error={fieldError("name")} autoFocus />
      <Field label="Email" name="email" type="email" required autoComplete="email" error={fieldError("email")} />
      <Field
        label="Password (at least 10 characters)"
        name="password"
        type="password"
        required
        autoComplete="new-password"
        minLength={10}
        error={fieldError("password")}
      />
      <Button type="submit" disabled={busy} className="w-full">
        {busy ? "Creating…" : "Create the admin account"}
      </Button>
    </form>
  );
}
