"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatUtc } from "@/lib/time";
import { ApiError, api } from "@/components/ui/api";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { CopyField } from "@/components/ui/CopyField";
import { Field } from "@/components/ui/Field";

export interface PendingInvitation {
  id: string;
  email: string;
  role: string;
  expiresAt: string;
}

export function InvitePanel({ project, pending }: { project: string; pending: PendingInvitation[] }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const base = `/api/projects/${project}/invitations`;

  return (
    <div className="space-y-4">
      <form
        className="grid grid-cols-1 items-end gap-3 sm:grid-cols-[1fr_10rem_auto]"
        onSubmit={async (event) => {
          event.preventDefault();
          const formElement = event.currentTarget;
          const form = new FormData(formElement);
          setError(null);
          try {
            const created = await api<{ email: string; url: string }>(base, { body: { email: String(form.get("email")), role: String(form.get("role")) } });
            setLink({ email: created.email, url: created.url });
            formElement.reset();
            router.refresh();
          } catch (e) {
            setError(e instanceof ApiError ? e : new ApiError("Something went wrong", 500, "unknown"));
          }
        }}
      >
        <Field label="Email to invite" name="email" type="email" required error={error?.fieldErrors.find((f) => f.path === "email")?.message} />
        <div className="space-y-1">
          <label htmlFor="invite-role" className="block text-sm font-medium text-slate-700">
            Role
          </label>
          <select id="invite-role" name="role" defaultValue="EXPERT" className="w-full rounded-md border border-slate-300 px-2 py-2 text-sm">
            <option>EXPERT</option>
            <option>ENGINEER</option>
            <option>VIEWER</option>
            <option>ADMIN</option>
          </select>
        </div>
        <Button type="submit">Create invitation link</Button>
      </form>
      {error && error.fieldErrors.length === 0 ? <Alert tone="error">{error.message}</Alert> : null}
      {link ? (
        <Alert tone="success">
          <CopyField label={`Invitation link for ${link.email} (single use, expires in 7 days)`} value={link.url} />
        </Alert>
      ) : null}
      {pending.length > 0 ? (
        <ul className="divide-y divide-slate-100 text-sm">
          {pending.map((i) => (
            <li key={i.id} className="flex items-center justify-between py-2">
              <span>
                {i.email} · {i.role} · expires {formatUtc(i.expiresAt, "day")}
              </span>
              <Button
                variant="secondary"
                onClick={async () => {
                  await api(`${base}/${i.id}`, { method: "DELETE" });
                  router.refresh();
                }}
              >
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">No pending invitations.</p>
      )}
    </div>
  );
}
