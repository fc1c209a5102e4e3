"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { TAdjudicatorsAnswer } from "@/lib/queues/answers";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { api, errorText } from "@/components/ui/api";

interface Props {
  base: string;
  adjudicators: Pick<TAdjudicatorsAnswer["adjudicators"][number], "userId" | "name" | "email">[];
  experts: { userId: string; name: string; email: string }[];
}

/** Experts an admin names to settle this queue's disagreements; admins and engineers settle by their role. */
export function QueueAdjudicators({ base, adjudicators, experts }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pick, setPick] = useState("");
  const free = experts.filter((e) => !adjudicators.some((a) => a.userId === e.userId));
  const act = async (call: () => Promise<unknown>) => {
    try {
      await call();
      setError(null);
      setPick("");
      router.refresh();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        Admins and engineers settle disagreements by their role. Name experts here to let them settle this queue&apos;s; nobody settles an item they labelled.
      </p>
      <ul className="divide-y divide-slate-100 text-sm" data-testid="queue-adjudicators">
        {adjudicators.map((a) => (
          <li key={a.userId} className="flex items-center py-1">
            {a.name || a.email}
            <Button
              type="button"
              variant="secondary"
              className="ml-auto"
              onClick={() => act(() => api(`${base}/adjudicators/${a.userId}`, { method: "DELETE" }))}
            >
              Remove
            </Button>
          </li>
        ))}
        {adjudicators.length === 0 ? <li className="py-1 text-slate-500">No expert named yet.</li> : null}
      </ul>
      {free.length ? (
        <div className="flex gap-2">
          <select
            aria-label="Expert to name adjudicator"
            value={pick}
            onChange={(e) => setPick(e.target.value)}
            className="rounded-md border border-slate-300 px-2 py-1 text-sm"
          >
            <option value="">Choose an expert…</option>
            {free.map((e) => (
              <option key={e.userId} value={e.userId}>
                {e.name}
              </option>
            ))}
          </select>
          <Button type="button" variant="secondary" disabled={!pick} onClick={() => act(() => api(`${base}/adjudicators/${pick}`, { method: "PUT" }))}>
            Name adjudicator
          </Button>
        </div>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
