"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/components/ui/api";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { CopyField } from "@/components/ui/CopyField";

export interface MemberRow {
  id: string;
  role: string;
  deactivated: boolean;
  name: string;
  email: string;
  isSelf: boolean;
  /** False for accounts only the instance admin may reset (lib/users/reset-policy.ts). */
  canReset: boolean;
}

const ROLES = ["ADMIN", "ENGINEER", "EXPERT", "VIEWER"];

export function MembersTable({ project, members, canManage }: { project: string; members: MemberRow[]; canManage: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [resetLink, setResetLink] = useState<{ email: string; url: string } | null>(null);
  const base = `/api/projects/${project}/members`;

  async function update(id: string, body: object) {
    setError(null);
    try {
      await api(`${base}/${id}`, { method: "PATCH", body });
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : "Something went wrong");
    }
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
            <th className="py-2 font-medium">Role</th>
            <th className="py-2 font-medium">Status</th>
            {canManage ? <th className="py-2 font-medium">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} className="border-b border-slate-100" data-testid={`member-${m.email}`}>
              <td className="py-2">{m.name}</td>
              <td className="py-2 text-slate-600">{m.email}</td>
              <td className="py-2">
                {canManage && !m.isSelf ? (
                  <select
                    aria-label={`Role of ${m.email}`}
                    className="rounded border border-slate-300 px-2 py-1"
                    value={m.role}
                    onChange={(e) => update(m.id, { role: e.target.value })}
                  >
                    {ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                ) : (
                  m.role
                )}
              </td>
              <td className="py-2">{m.deactivated ? <span className="text-red-700">Deactivated</span> : "Active"}</td>
              {canManage ? (
                <td className="flex gap-2 py-2">
                  {m.isSelf ? null : m.deactivated ? (
                    <Button variant="secondary" onClick={() => update(m.id, { deactivated: false })}>
                      Reactivate
                    </Button>
                  ) : (
                    <ConfirmButton
                      label="Deactivate"
                      title={`Deactivate ${m.name}?`}
                      body="They lose access to this project on their next request. Their labels and history stay."
                      confirmLabel="Deactivate"
                      onConfirm={async () => {
                        await api(`${base}/${m.id}`, { method: "PATCH", body: { deactivated: true } });
                        router.refresh();
                      }}
                    />
                  )}
                  {m.canReset ? (
                    <Button
                      variant="secondary"
                      onClick={async () => {
                        const link = await api<{ url: string }>(`${base}/${m.id}/reset-link`, { method: "POST" });
                        setResetLink({ email: m.email, url: link.url });
                      }}
                    >
                      Reset link
                    </Button>
                  ) : (
                    <span className="self-center text-xs text-slate-500" title="The account is an instance admin or belongs to other projects too">
                      Password reset: instance admin only
                    </span>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
