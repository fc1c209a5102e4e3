"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";
import { api, errorText } from "@/components/ui/api";
import type { TExplorerSelection } from "@/lib/judge-runs/explorer-target";
import type { TEstimate, TRunStarted, TRunTarget } from "@/lib/judge-runs/schemas";

export interface RunTargetOptions {
  queues: { id: string; name: string; mode: string }[];
  datasets: { id: string; name: string; versions: { number: number; splits: string[] }[] }[];
  /** What the explorer passed in the address, with how to say it ("12 selected traces"); null when it passed nothing. */
  traces: { selection: TExplorerSelection; words: string } | null;
}

const select = "w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm";
const usd = (n: number | null) => (n === null ? "unknown (the model has no prices)" : `$${n.toFixed(4)}`);

/** Picks what a run judges, shows its estimate, and starts it with an optional spend cap. */
export function RunStartForm({ project, judgeName, version, options }: { project: string; judgeName: string; version: number; options: RunTargetOptions }) {
  const router = useRouter();
  const [kind, setKind] = useState<TRunTarget["kind"]>(options.traces ? "traces" : "queue");
  const [queueId, setQueueId] = useState(options.queues[0]?.id ?? "");
  const [datasetId, setDatasetId] = useState(options.datasets[0]?.id ?? "");
  const dataset = options.datasets.find((d) => d.id === datasetId);
  const [datasetVersion, setDatasetVersion] = useState<number | null>(dataset?.versions[0]?.number ?? null);
  const [split, setSplit] = useState("");
  const [spendCap, setSpendCap] = useState("");
  const [rerun, setRerun] = useState(false);
  const [estimate, setEstimate] = useState<TEstimate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const target = (): TRunTarget =>
    kind === "queue"
      ? { kind, queueId }
      : kind === "traces"
        ? { kind, selection: options.traces!.selection }
        : { kind, datasetId, version: datasetVersion ?? 0, ...(split ? { split } : {}) };

  async function send(dryRun: boolean) {
    setBusy(true);
    setError(null);
    try {
      const cap = spendCap.trim() ? Number(spendCap) : undefined;
      const answer = await api<TRunStarted>(`/api/projects/${project}/judges/${encodeURIComponent(judgeName)}/runs`, {
        body: { version, target: target(), rerun, dryRun, ...(cap !== undefined ? { spendCap: cap } : {}) },
      });
      if (answer.dryRun) setEstimate(answer.estimate);
      else router.push(`/p/${project}/judges/${encodeURIComponent(judgeName)}/runs/${answer.run.id}`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setEstimate(null);
    };

  return (
    <form className="space-y-4" onSubmit={(e) => e.preventDefault()}>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Judge</legend>
        {(["queue", "dataset", ...(options.traces ? ["traces"] : [])] as TRunTarget["kind"][]).map((k) => (
          <label key={k} className="mr-4 text-sm">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => changed(setKind)(k)} className="mr-1" />
            {k === "queue" ? "A queue's items" : k === "dataset" ? "A dataset version" : "Traces from the explorer"}
          </label>
        ))}
      </fieldset>
      {kind === "queue" ? (
        <label className="block space-y-1 text-sm">
          <span className="font-medium text-slate-700">Queue</span>
          <select className={select} value={queueId} onChange={(e) => changed(setQueueId)(e.target.value)}>
            {options.queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name} ({q.mode.toLowerCase()})
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {kind === "traces" && options.traces ? (
        <p className="text-sm text-slate-700" data-testid="run-target-traces">
          {/* Filter values come from the address: rendered as text only. */}
          {options.traces.words[0].toUpperCase() + options.traces.words.slice(1)}
        </p>
      ) : null}
      {kind === "dataset" ? (
        <div className="grid gap-3 sm:grid-cols-3">
          <label className="block space-y-1 text-sm">
            <span className="font-medium text-slate-700">Dataset</span>
            <select className={select} value={datasetId} onChange={(e) => changed(setDatasetId)(e.target.value)}>
              {options.datasets.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <label className="block space-y-1 text-sm">
            <span className="font-medium text-slate-700">Version</span>
            <select className={select} value={datasetVersion ?? ""} onChange={(e) => changed(setDatasetVersion)(Number(e.target.value))}>
              {dataset?.versions.map((v) => (
                <option key={v.number} value={v.number}>
                  v{v.number}
                </option>
              ))}
            </select>
          </label>
          <Field label="Split (optional)" name="split" value={split} onChange={(e) => changed(setSplit)(e.target.value)} />
        </div>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label="Spend cap (USD, optional)"
          name="spendCap"
          type="number"
          min="0"
          step="any"
          value={spendCap}
          onChange={(e) => setSpendCap(e.target.value)}
        />
        <label className="flex items-center gap-2 pt-6 text-sm">
          <input type="checkbox" checked={rerun} onChange={(e) => changed(setRerun)(e.target.checked)} />
          Judge again targets this version already judged
        </label>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {estimate ? (
        <Alert>
          <span data-testid="run-estimate">
            {estimate.targets} targets ({estimate.skipped} already judged left out), {estimate.calls} calls, about {estimate.inputTokens.toLocaleString("en")}{" "}
            input and {estimate.outputTokens.toLocaleString("en")} output tokens, estimated cost {usd(estimate.cost)}.
          </span>
        </Alert>
      ) : null}
      <div className="flex gap-2">
        <Button type="button" variant="secondary" disabled={busy} onClick={() => void send(true)}>
          Estimate
        </Button>
        <Button type="button" disabled={busy || !estimate || estimate.targets === 0} onClick={() => void send(false)}>
          Start run
        </Button>
      </div>
    </form>
  );
}
