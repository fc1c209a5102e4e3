import type { TCriterionReport } from "./types";
import { fixed } from "./format";

/** κ 1 is dark, 0 or below is pale: a cell's shade follows agreement beyond chance. */
function shade(kappa: number | null): string {
  if (kappa === null) return "bg-slate-100 text-slate-400";
  if (kappa >= 0.8) return "bg-indigo-700 text-white";
  if (kappa >= 0.6) return "bg-indigo-500 text-white";
  if (kappa >= 0.4) return "bg-indigo-300";
  if (kappa >= 0.2) return "bg-indigo-100";
  return "bg-rose-100";
}

/** Cohen's κ between each pair of raters, with the items each pair shares. */
export function KappaHeatmap({ pairs, names }: { pairs: NonNullable<TCriterionReport["summary"]>["pairs"]; names: Map<string, string> }) {
  const keys = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
  if (keys.length < 2) return <p className="text-sm text-slate-500">No two raters share an item yet.</p>;
  const pairOf = (a: string, b: string) => pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
  return (
    <table className="text-xs" data-testid="kappa-heatmap">
      <thead>
        <tr>
          <th />
          {keys.map((k) => (
            <th key={k} className="px-2 py-1 text-left font-medium">
              {names.get(k) ?? k}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {keys.map((row) => (
          <tr key={row}>
            <th className="pr-2 text-left font-medium">{names.get(row) ?? row}</th>
            {keys.map((col) => {
              if (row === col) return <td key={col} className="bg-slate-50" />;
              const p = pairOf(row, col);
              return (
                <td key={col} className={`h-12 w-24 px-2 text-center ${shade(p?.kappa ?? null)}`} title={p?.kappaReason ?? `${p?.n ?? 0} shared items`}>
                  <div className="font-semibold">{fixed(p?.kappa)}</div>
                  <div className="opacity-80">{p ? `${p.n} items` : "none shared"}</div>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
