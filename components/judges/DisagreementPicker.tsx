"use client";

import Link from "next/link";
import { useState } from "react";
import type { TJudgeAgreement } from "@/lib/judge-report/schemas";
import { shownValue } from "@/components/agreement/format";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { api, errorText } from "@/components/ui/api";
import { DisagreementsToQueue } from "./DisagreementsToQueue";

type TRow = TJudgeAgreement["disagreements"][number];

interface Props {
  project: string;
  judge: string;
  version: string;
  mode: TJudgeAgreement["mode"];
  rows: TRow[];
  /** External judges have no calibration set of ours. */
  pickable: boolean;
  /** Open queues to send disagreements to; null when the caller may not add queue items. */
  queues: { id: string; name: string; mode: "SINGLE" | "PAIRWISE" }[] | null;
}

/** The items where judge and people differ most; picked ones go to the judge's calibration set (with the human value and a note) or to a queue. */
export function DisagreementPicker({ project, judge, version, mode, rows, pickable, queues }: Props) {
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (rows.length === 0)
    return (
      <p className="text-sm text-slate-500" data-testid="no-disagreements">
        The judge and people agree on every comparable item, or there are too few to list.
      </p>
    );
  const checkable = pickable || queues !== null;
  const allPicked = rows.every((r) => picked.has(r.target));
  const toggle = (target: string) =>
    setPicked((now) => {
      const next = new Set(now);
      if (next.has(target)) next.delete(target);
      else next.add(target);
      return next;
    });
  const add = async () => {
    setBusy(true);
    try {
      const examples = rows.filter((r) => picked.has(r.target)).map((r) => ({ target: r.target, humanValue: r.humanValue, note: notes[r.target] ?? "" }));
      const answer = await api<{ added: unknown[] }>(`/api/projects/${project}/judges/${encodeURIComponent(judge)}/examples`, {
        method: "POST",
        body: { version, examples },
      });
      setMessage({ tone: "success", text: `Added ${answer.added.length} example${answer.added.length === 1 ? "" : "s"} to the calibration set.` });
      setPicked(new Set());
    } catch (e) {
      setMessage({ tone: "error", text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="space-y-3">
      {checkable ? (
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={allPicked} onChange={() => setPicked(allPicked ? new Set() : new Set(rows.map((r) => r.target)))} />
          Select all shown
        </label>
      ) : null}
      <table className="w-full text-left text-sm" data-testid="judge-disagreements">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            {checkable ? <th className="py-1 pr-3">Pick</th> : null}
            <th className="py-1 pr-3">Trace</th>
            <th className="py-1 pr-3">People</th>
            <th className="py-1 pr-3">Judge</th>
            <th className="py-1 pr-3">Rationale</th>
            {pickable ? <th className="py-1 pr-3">Note</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const trace = r.traceExternalId ?? r.traceId;
            return (
              <tr key={r.target} className="border-t border-slate-100 align-top">
                {checkable ? (
                  <td className="py-1 pr-3">
                    <input type="checkbox" aria-label={`Pick ${trace}`} checked={picked.has(r.target)} onChange={() => toggle(r.target)} />
                  </td>
                ) : null}
                <td className="py-1 pr-3">
                  <Link className="text-indigo-700 underline" href={`/p/${project}/traces/${encodeURIComponent(trace)}`}>
                    {trace}
                  </Link>
                </td>
                <td className="py-1 pr-3">
                  <span className="font-medium">{shownValue(r.humanValue)}</span>
                  <span className="block text-xs text-slate-500">{r.labels.map((l) => `${l.rater}: ${shownValue(l.value)}`).join(" · ")}</span>
                </td>
                <td className="py-1 pr-3 font-medium">{shownValue(r.judgeValue)}</td>
                <td className="py-1 pr-3 text-slate-700">{r.rationale ?? "—"}</td>
                {pickable ? (
                  <td className="py-1 pr-3">
                    <input
                      aria-label={`Note for ${trace}`}
                      className="w-48 rounded-md border border-slate-300 px-2 py-1 text-sm"
                      value={notes[r.target] ?? ""}
                      onChange={(e) => setNotes({ ...notes, [r.target]: e.target.value })}
                    />
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {pickable ? (
        <Button type="button" disabled={busy || picked.size === 0} onClick={add}>
          Add to calibration set
        </Button>
      ) : null}
      {queues !== null ? (
        <DisagreementsToQueue
          project={project}
          mode={mode}
          selected={rows.filter((r) => picked.has(r.target))}
          queues={queues}
          onSent={() => setPicked(new Set())}
        />
      ) : null}
    </div>
  );
}
