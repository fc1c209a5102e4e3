import Link from "next/link";
import type { TAgreementReport } from "@/lib/reports/answers";
import { Alert } from "@/components/ui/Alert";
import { CriterionReport } from "./CriterionReport";
import { raterNames } from "./format";
import type { TLabelCounts } from "@/lib/reports/answers";

/** A queue's agreement: who rated, whether they rated independently, then each criterion. */
export function AgreementReport({ report, counts, base }: { report: TAgreementReport; counts: TLabelCounts; base: string }) {
  const names = raterNames(report.raters);
  const labelled = report.criteria.some((c) => c.coverage.labels > 0);
  return (
    <div className="space-y-4" data-testid="agreement-report">
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Agreement · {report.queue.name}</h1>
        <Link className="text-indigo-700 underline" href={base}>
          Queue
        </Link>
        <Link className="text-indigo-700 underline" href={`${base}/disagreements`}>
          Disagreements
        </Link>
      </div>
      <p className="text-sm text-slate-600">
        Computed now from each rater&apos;s first submitted labels · thresholds: reliable ≥ {report.thresholds.reliable}, tentative ≥{" "}
        {report.thresholds.tentative}
      </p>
      {report.independence.independent ? null : (
        <Alert tone="warning">
          <span data-testid="not-independent">{report.independence.note ?? "Labels not independent: raters could see each other's."}</span>
        </Alert>
      )}
      {!labelled ? (
        <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600" data-testid="agreement-empty">
          No labels yet. Agreement appears once two raters have labelled the same items.
        </p>
      ) : report.raters.length < 2 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600" data-testid="agreement-one-rater">
          Only {report.raters[0]?.name ?? "one rater"} has labelled so far: agreement needs a second rater on the same items.
        </p>
      ) : null}
      <p className="text-sm" data-testid="agreement-raters">
        Raters: {report.raters.map((r) => `${names.get(r.key)} (${r.labels} labels)`).join(" · ") || "none yet"}
      </p>
      {report.criteria.map((c) => (
        <CriterionReport
          key={c.criterionId}
          criterion={c}
          counts={counts[c.key]}
          report={report}
          names={names}
          disagreementsHref={`${base}/disagreements?criterion=${encodeURIComponent(c.key)}`}
        />
      ))}
    </div>
  );
}
