"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatUtc } from "@/lib/time";
import { ApiError, api } from "@/components/ui/api";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { CopyField } from "@/components/ui/CopyField";
import { Field } from "@/components/ui/Field";

export interface ApiKeyRow {
  id: string;
  name: string;
  displayHint: string;
  scope: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: string | null;
}

export function ApiKeysPanel({ project, keys }: { project: string; keys: ApiKeyRow[] }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const base = `/api/projects/${project}/api-keys`;

  return (
    <div className="space-y-5">
      <form
        className="grid grid-cols-1 items-end gap-3 sm:grid-cols-[1fr_12rem_auto]"
        onSubmit={async (event) => {
          event.preventDefault();
          const formElement = event.currentTarget;
          const form = new FormData(formElement);
          setError(null);
          try {
            const created = await api<{ name: string; secret: string }>(base, { body: { name: String(form.get("name")), scope: String(form.get("scope")) } });
            setSecret({ name: created.name, value: created.secret });
            formElement.reset();
            router.refresh();
          } catch (e) {
            setError(e instanceof ApiError ? e : new ApiError("Something went wrong", 500, "unknown"));
          }
        }}
      >
        <Field label="Key name" name="name" placeholder="e.g. production app" required />
        <div className="space-y-1">
          <label htmlFor="key-scope" className="block text-sm font-medium text-slate-700">
            Scope
          </label>
          <select id="key-scope" name="scope" defaultValue="INGEST" className="w-full rounded-md border border-slate-300 px-2 py-2 text-sm">
            <option value="INGEST">INGEST: write traces and scores</option>
            <option value="FULL">FULL: everything an engineer may</option>
            <option value="ADMIN">ADMIN: FULL, plus reading the audit log</option>
          </select>
        </div>
        <Button type="submit">Create key</Button>
      </form>
      {error ? <Alert tone="error">{error.message}</Alert> : null}
      {secret ? (
        <Alert tone="warning">
          <CopyField label={`Secret of "${secret.name}": copy it now, it is not shown again`} value={secret.value} />
        </Alert>
      ) : null}
      {keys.length === 0 ? (
        <p className="text-sm text-slate-500">No API keys yet. Create an INGEST key for your production app to send traces and feedback.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-500">
            <tr>
              <th className="py-2 font-medium">Name</th>
              <th className="py-2 font-medium">Key</th>
              <th className="py-2 font-medium">Scope</th>
              <th className="py-2 font-medium">Last used</th>
              <th className="py-2 font-medium" />
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} className="border-b border-slate-100" data-testid={`apikey-${k.name}`}>
                <td className="py-2">{k.name}</td>
                <td className="py-2 font-mono text-xs">{k.displayHint}</td>
                <td className="py-2">{k.scope}</td>
                <td className="py-2 text-slate-600">{k.lastUsedAt ? formatUtc(k.lastUsedAt) : "never"}</td>
                <td className="py-2 text-right">
                  {k.revokedAt ? (
                    <span className="text-slate-500">Revoked</span>
                  ) : (
                    <ConfirmButton
                      label="Revoke"
                      title={`Revoke "${k.name}"?`}
                      body="Requests with this key are refused from now on. This cannot be undone."
                      confirmLabel="Revoke key"
                      onConfirm={async () => {
                        await api(`${base}/${k.id}`, { method: "DELETE" });
                        router.refresh();
                      }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
