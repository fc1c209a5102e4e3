"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { api } from "@/components/ui/api";
import type { TRun, TRunItem } from "@/lib/judge-runs/schemas";
import { RunErrors } from "./run-errors";

const LIVE = new Set(["QUEUED", "RUNNING"]);
const usd = (n: number) => `$${n.toFixed(n < 1 ? 4 : 2)}`;
const eta = (s: number | null) => (s === null ? "—" : s < 60 ? `${Math.ceil(s)} s` : `${Math.ceil(s / 60)} min`);

/** A run as it goes: polled every second while it runs, with its errors and a way to stop it. */
export function RunProgress({
  project,
  judgeName,
  initial,
  initialErrors,
  canRun,
}: {
  project: string;
  judgeName: string;
  initial: TRun;
  initialErrors: TRunItem[];
  canRun: boolean;
}) {
  const router = useRouter();
  const [run, setRun] = useState(initial);
  const [errors, setErrors] = useState(initialErrors);
  const [failed, setFailed] = useState<string | null>(null);
  const base = `/api/projects/${project}/judges/${encodeURIComponent(judgeName)}/runs/${run.id}`;
  const live = LIVE.has(run.status);

  useEffect(() => {
    if (!live) return;
    const timer = setInterval(async () => {
      try {
        const [next, page] = await Promise.all([api<TRun>(base), api<{ items: TRunItem[] }>(`${base}/items?status=ERROR&limit=100`)]);
        setRun(next);
        setErrors(page.items);
        setFailed(null);
      } catch (e) {
        setFailed(e instanceof Error ? e.message : "The run could not be read");
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [base, live]);

  const finished = run.counts.total - run.counts.PENDING;
  const percent = run.counts.total === 0 ? 100 : Math.round((finished / run.counts.total) * 100);
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <div className="flex justify-between text-sm">
          <span>
            Status: <strong data-testid="run-status">{run.status.toLowerCase()}</strong>
          </span>
          <span>
            {finished} of {run.counts.total} targets
          </span>
        </div>
        <div
          role="progressbar"
          aria-label="Run progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="h-3 w-full rounded bg-slate-200"
        >
          <div className="h-3 rounded bg-indigo-600 transition-all" style={{ width: `${percent}%` }} />
        </div>
      </div>
      {run.error ? <Alert tone={run.status === "FAILED" ? "error" : "info"}>{run.error}</Alert> : null}
      {failed ? <Alert tone="error">{failed}</Alert> : null}
      <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
        {[
          ["Done", run.counts.DONE],
          ["Errors", run.counts.ERROR],
          ["Skipped", run.counts.SKIPPED],
          ["Pending", run.counts.PENDING],
          ["Rate", run.ratePerSecond === null ? "—" : `${run.ratePerSecond.toFixed(1)} judgments/s`],
          ["ETA", live ? eta(run.etaSeconds) : "—"],
          ["Tokens", `${run.inputTokens.toLocaleString("en")} in, ${run.outputTokens.toLocaleString("en")} out`],
          ["Cost", `${usd(run.cost)}${run.spendCap === null ? "" : ` of ${usd(run.spendCap)} cap`}`],
        ].map(([label, value]) => (
          <div key={label as string}>
            <dt className="text-xs uppercase text-slate-500">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {canRun && live ? (
        <ConfirmButton
          label="Cancel run"
          title="Cancel this run?"
          body="Nothing more is sent to the model. Calls already in flight finish, and their results may still be stored."
          confirmLabel="Cancel run"
          onConfirm={async () => {
            setRun(await api<TRun>(`${base}/cancel`, { method: "POST" }));
            router.refresh();
          }}
        />
      ) : null}
      <RunErrors errors={errors} />
    </div>
  );
}
