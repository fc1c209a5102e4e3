"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { TExample } from "@/lib/judge-calibration/schemas";
import { shownValue } from "@/components/agreement/format";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { api } from "@/components/ui/api";

/** A judge's calibration set, each example removable; the versions that show one keep it. */
export function ExamplesTable({ project, judge, examples, canManage }: { project: string; judge: string; examples: TExample[]; canManage: boolean }) {
  const router = useRouter();
  if (examples.length === 0)
    return (
      <p className="text-sm text-slate-500" data-testid="examples-empty">
        No calibration examples yet. Pick items from the judge&apos;s comparison with people to add some.
      </p>
    );
  return (
    <table className="w-full text-left text-sm" data-testid="calibration-examples">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="py-1 pr-3">Trace</th>
          <th className="py-1 pr-3">Human value</th>
          <th className="py-1 pr-3">Judge said</th>
          <th className="py-1 pr-3">Note</th>
          <th className="py-1 pr-3">Used by</th>
          {canManage ? <th className="py-1 pr-3" /> : null}
        </tr>
      </thead>
      <tbody>
        {examples.map((e) => {
          const trace = e.traceExternalId ?? e.traceId;
          return (
            <tr key={e.id} className="border-t border-slate-100 align-top">
              <td className="py-1 pr-3">
                {trace ? (
                  <Link className="text-indigo-700 underline" href={`/p/${project}/traces/${encodeURIComponent(trace)}`}>
                    {trace}
                  </Link>
                ) : (
                  `item ${e.queueItemId?.slice(0, 8)}`
                )}
              </td>
              <td className="py-1 pr-3 font-medium">{shownValue(e.humanValue)}</td>
              <td className="py-1 pr-3">
                {shownValue(e.judgeValue)}
                {e.judgeRationale ? <span className="block text-xs text-slate-500">{e.judgeRationale}</span> : null}
              </td>
              <td className="py-1 pr-3">{e.note || "—"}</td>
              <td className="py-1 pr-3">{e.usedBy.join(", ") || "—"}</td>
              {canManage ? (
                <td className="py-1 pr-3">
                  <ConfirmButton
                    label="Remove"
                    title="Remove this example?"
                    body="It leaves the calibration set. Versions that already show it keep it, and are still evaluated without it."
                    confirmLabel="Remove example"
                    onConfirm={async () => {
                      await api(`/api/projects/${project}/judges/${encodeURIComponent(judge)}/examples/${e.id}`, { method: "DELETE" });
                      router.refresh();
                    }}
                  />
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
