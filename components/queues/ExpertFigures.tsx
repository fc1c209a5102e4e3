import type { TProgressAnswer } from "@/lib/queues/answers";

const share = (n: number | null) => (n === null ? "—" : `${Math.round(n * 100)}%`);
const offset = (n: number | null) => (n === null ? "—" : `${n > 0 ? "+" : ""}${n.toFixed(2)}`);

/**
 * Each rater against the others, per criterion: how often they gave the consensus of the
 * other raters (their own vote left out), how often the settled value, and how far above or
 * below the others they rate (above 0 is more lenient).
 */
export function ExpertFigures({ raters }: { raters: TProgressAnswer["raters"] }) {
  const rows = raters.flatMap((r) => (r.agreement ?? []).map((a) => ({ rater: r.name || r.email, ...a })));
  if (rows.length === 0) return null;
  return (
    <table className="w-full text-left text-sm" data-testid="expert-figures">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="py-1">Rater</th>
          <th>Criterion</th>
          <th>Items</th>
          <th title="Leave-one-out: the consensus of the other raters">Agrees with others</th>
          <th>Agrees with gold</th>
          <th title="Mean of their value minus the others' mean">Mean offset</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={`${r.rater}:${r.criterion}`}>
            <td className="py-1">{r.rater}</td>
            <td>{r.criterion}</td>
            <td>{r.items}</td>
            <td>{share(r.agreementWithOthers)}</td>
            <td>{share(r.agreementWithGold)}</td>
            <td>{offset(r.meanOffset)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
