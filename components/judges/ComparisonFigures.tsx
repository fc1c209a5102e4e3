import type { TJudgeAgreement } from "@/lib/judge-report/schemas";
import { fixed, percent } from "@/components/agreement/format";
import { type Column, Table } from "@/components/ui/Table";

type TComparison = TJudgeAgreement["comparison"];
type TFigures = NonNullable<TComparison["figures"]>;
type TKappa = TFigures["kappa"];

const interval = (k: TKappa | null) =>
  !k ? "—" : k.value === null ? `— (${k.reason ?? "undefined"})` : `${fixed(k.value)}${k.ci95 ? ` [${fixed(k.ci95[0])}, ${fixed(k.ci95[1])}]` : ""}`;

/** "judge κ 0.62 vs experts' mutual κ 0.58 on the same items", or why it cannot be said. */
export function ceilingSentence(f: TFigures): string {
  const c = f.ceiling;
  if (!c || c.judge.meanKappa === null) return "No human ceiling: the judge has no κ with an individual rater on these items.";
  if (c.raters.meanKappa === null)
    return `Judge κ ${fixed(c.judge.meanKappa, 2)} with individual raters; no two raters labelled the same items, so there is no ceiling to hold it against.`;
  return `Judge κ ${fixed(c.judge.meanKappa, 2)} vs experts' mutual κ ${fixed(c.raters.meanKappa, 2)} on the same items (first revisions).`;
}

/** The counts and figures of one comparison; null figures show as "insufficient data", never 0. */
export function ComparisonFigures({ comparison, testId = "comparison" }: { comparison: TComparison; testId?: string }) {
  const f = comparison.figures;
  return (
    <div className="space-y-4" data-testid={testId}>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <dt className="text-slate-500">Comparable items</dt>
        <dd data-testid="comparable">{comparison.comparable}</dd>
        <dt className="text-slate-500">Only the judge rated</dt>
        <dd>{comparison.judgeOnly}</dd>
        <dt className="text-slate-500">Only people rated</dt>
        <dd>{comparison.humanOnly}</dd>
        <dt className="text-slate-500">Held out (calibration examples)</dt>
        <dd data-testid="held-out">{comparison.heldOutExcluded}</dd>
      </dl>
      {f ? (
        <Figures f={f} />
      ) : (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="insufficient-data">
          Insufficient data: {comparison.reason}
        </p>
      )}
    </div>
  );
}

function Figures({ f }: { f: TFigures }) {
  const o = f.ordered;
  const rows: [string, string][] = [
    ["Accuracy", percent(f.accuracy)],
    ["Cohen's κ [95% interval]", interval(f.kappa)],
    ...(o
      ? ([
          ["Quadratic-weighted κ", interval(o.quadraticKappa)],
          ["Spearman's ρ", o.spearman.value === null ? `— (${o.spearman.reason ?? "undefined"})` : fixed(o.spearman.value)],
          ["Mean absolute error", fixed(o.meanAbsoluteError)],
          ["Exact / within one", `${percent(o.exactAgreement)} / ${percent(o.withinOne)}`],
          ["Bias (judge − people)", fixed(o.bias)],
        ] as [string, string][])
      : []),
  ];
  return (
    <>
      <p className="text-sm font-medium" data-testid="ceiling">
        {ceilingSentence(f)}
      </p>
      <table className="text-sm" data-testid="figures">
        <tbody>
          {rows.map(([name, value]) => (
            <tr key={name}>
              <th className="py-0.5 pr-6 text-left font-normal text-slate-500">{name}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {f.confusion ? <Confusion confusion={f.confusion} /> : null}
      {f.perClass ? <PerClass rows={f.perClass} /> : null}
    </>
  );
}

function Confusion({ confusion }: { confusion: NonNullable<TFigures["confusion"]> }) {
  return (
    <table className="text-sm" aria-label="Confusion matrix" data-testid="confusion">
      <caption className="pb-1 text-left text-xs text-slate-500">Rows: people&apos;s value. Columns: the judge&apos;s.</caption>
      <thead>
        <tr>
          <th />
          {confusion.values.map((v) => (
            <th key={String(v)} scope="col" className="px-2 text-right">
              {String(v)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {confusion.matrix.map((row, i) => (
          <tr key={String(confusion.values[i])}>
            <th scope="row" className="pr-2 text-left">
              {String(confusion.values[i])}
            </th>
            {row.map((n, j) => (
              <td key={j} className={`px-2 text-right ${i === j ? "font-semibold" : ""}`}>
                {n}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PerClass({ rows }: { rows: NonNullable<TFigures["perClass"]> }) {
  const columns: Column<(typeof rows)[number]>[] = [
    { header: "Value", cell: (r) => String(r.value) },
    { header: "People", cell: (r) => r.human },
    { header: "Judge", cell: (r) => r.judge },
    { header: "Precision", cell: (r) => percent(r.precision) },
    { header: "Recall", cell: (r) => percent(r.recall) },
  ];
  return <Table rows={rows} columns={columns} rowKey={(r) => String(r.value)} testId="per-class" />;
}
