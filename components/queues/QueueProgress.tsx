import type { TProgressAnswer } from "@/lib/queues/answers";
import { ExpertFigures } from "./ExpertFigures";

type Rater = TProgressAnswer["raters"][number];
type Totals = TProgressAnswer["totals"];

const seconds = (s: number | null) => (s === null ? "—" : s < 90 ? `${Math.round(s)} s` : `${(s / 60).toFixed(1)} min`);

/** How far the queue is: totals, then one row per assigned rater. */
export function QueueProgress({ totals, raters }: { totals: Totals; raters: Rater[] }) {
  const figures: [string, number][] = [
    ["Items", totals.items],
    ["Complete", totals.completed],
    ["Labels", totals.labels],
    ["Labels still needed", totals.labelsRemaining],
    ["In progress", totals.inProgress],
    ["Skips", totals.skipped],
    ["Flags", totals.flagged],
  ];
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7" data-testid="queue-totals">
        {figures.map(([label, n]) => (
          <div key={label} className="rounded-md bg-slate-50 p-2">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold">{n}</dd>
          </div>
        ))}
      </dl>
      <table className="w-full text-left text-sm" data-testid="rater-progress">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1">Rater</th>
            <th>Done</th>
            <th>Skipped</th>
            <th>In progress</th>
            <th>Remaining</th>
            <th>Median per item</th>
            <th>Skip rate</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {raters.map((r) => (
            <tr key={r.userId}>
              <td className="py-1">{r.name || r.email}</td>
              <td>{r.done}</td>
              <td>{r.skipped}</td>
              <td>{r.inProgress}</td>
              <td>{r.remaining}</td>
              <td>{seconds(r.medianSeconds)}</td>
              <td>{r.skipRate === null ? "—" : `${Math.round(r.skipRate * 100)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ExpertFigures raters={raters} />
    </div>
  );
}
