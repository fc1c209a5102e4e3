"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/components/ui/api";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { CopyField } from "@/components/ui/CopyField";

export interface UserRow {
  id: string;
  name: string;
  email: string;
  isInstanceAdmin: boolean;
  isDemo: boolean;
  deactivated: boolean;
  projects: number;
  isSelf: boolean;
}

export function UsersAdmin({ users }: { users: UserRow[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [resetLink, setResetLink] = useState<{ email: string; url: string } | null>(null);

  async function setDeactivated(id: string, deactivated: boolean) {
    await api(`/api/admin/users/${id}`, { method: "PATCH", body: { deactivated } });
    router.refresh();
  }

  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {resetLink ? (
        <Alert tone="success">
          <CopyField label={`Single-use reset link for ${resetLink.email} (valid 24 hours)`} value={resetLink.url} />
        </Alert>
      ) : null}
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-slate-500">
          <tr>
            <th className="py-2 font-medium">Name</th>
            <th className="py-2 font-medium">Email</th>
            <th className="py-2 font-medium">Projects</th>
            <th className="py-2 font-medium">Status</th>
            <th className="py-2 font-medium" />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-b border-slate-100" data-testid={`user-${u.email}`}>
              <td className="py-2">
                {u.name}
                {u.isInstanceAdmin ? <span className="ml-2 rounded bg-indigo-50 px-1.5 text-xs text-indigo-700">instance admin</span> : null}
                {u.isDemo ? <span className="ml-2 rounded bg-amber-50 px-1.5 text-xs text-amber-800">demo</span> : null}
              </td>
              <td className="py-2 text-slate-600">{u.email}</td>
              <td className="py-2">{u.projects}</td>
              <td className="py-2">{u.deactivated ? <span className="text-red-700">Deactivated</span> : "Active"}</td>
              <td className="flex justify-end gap-2 py-2">
                {u.isSelf ? null : u.deactivated ? (
                  <Button variant="secondary" onClick={() => setDeactivated(u.id, false).catch((e) => setError(e.message))}>
                    Reactivate
                  </Button>
                ) : (
                  <ConfirmButton
                    label="Deactivate"
                    title={`Deactivate ${u.name}?`}
                    body="They are signed out of every project on their next request. Their labels and history stay."
                    confirmLabel="Deactivate"
                    onConfirm={() => setDeactivated(u.id, true)}
                  />
                )}
                <Button
                  variant="secondary"
                  onClick={async () => {
                    setError(null);
                    try {
                      const link = await api<{ url: string }>(`/api/admin/users/${u.id}/reset-link`, { method: "POST" });
                      setResetLink({ email: u.email, url: link.url });
                    } catch (e) {
                      setError(e instanceof Error ? e.message : "Something went wrong");
                    }
                  }}
                >
                  Reset link
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
