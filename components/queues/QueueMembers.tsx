"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { api } from "@/components/ui/api";

interface Props {
  base: string;
  assigned: { userId: string; name: string | null; email: string }[];
  candidates: { userId: string; name: string; email: string; role: string }[];
}

/** Who labels this queue. Removing someone releases the items they hold, for others to claim. */
export function QueueMembers({ base, assigned, candidates }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pick, setPick] = useState("");
  const free = candidates.filter((c) => !assigned.some((a) => a.userId === c.userId));
  const act = async (call: () => Promise<unknown>) => {
    try {
      await call();
      setError(null);
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="space-y-3">
      <ul className="divide-y divide-slate-100 text-sm" data-testid="queue-raters">
        {assigned.map((m) => (
          <li key={m.userId} className="flex items-center py-1">
            {m.name || m.email}
            <span className="ml-auto">
              <ConfirmButton
                label="Remove"
                title={`Remove ${m.name || m.email} from this queue?`}
                body="The items they hold go back to the pool for other raters at once. Labels they already submitted stay."
                confirmLabel="Remove rater"
                onConfirm={async () => {
                  await api(`${base}/members/${m.userId}`, { method: "DELETE" });
                  router.refresh();
                }}
              />
            </span>
          </li>
        ))}
      </ul>
      {free.length ? (
        <div className="flex gap-2">
          <select
            aria-label="Member to assign"
            value={pick}
            onChange={(e) => setPick(e.target.value)}
            className="rounded-md border border-slate-300 px-2 py-1 text-sm"
          >
            <option value="">Choose someone…</option>
            {free.map((c) => (
              <option key={c.userId} value={c.userId}>
                {c.name} ({c.role.toLowerCase()})
              </option>
            ))}
          </select>
          <Button type="button" variant="secondary" disabled={!pick} onClick={() => act(() => api(`${base}/members`, { body: { userIds: [pick] } }))}>
            Assign
          </Button>
        </div>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
