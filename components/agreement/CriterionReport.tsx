import Link from "next/link";
import type { TAgreementReport } from "@/lib/reports/answers";
import { DistributionChart } from "./DistributionChart";
import { KappaHeatmap } from "./KappaHeatmap";
import { TrafficLight } from "./TrafficLight";
import { fixed, percent } from "./format";
import type { TLabelCounts } from "@/lib/reports/answers";
import type { TCriterionReport } from "./types";

interface Props {
  criterion: TCriterionReport;
  counts: TLabelCounts[string] | undefined;
  report: TAgreementReport;
  names: Map<string, string>;
  disagreementsHref: string;
}

function Figure({ label, value, reason, basis }: { label: string; value: string; reason?: string; basis?: string }) {
  return (
    <div className="rounded-md bg-slate-50 p-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold" title={reason}>
        {value}
      </dd>
      {reason ? <dd className="text-xs text-slate-500">{reason}</dd> : null}
      {basis ? <dd className="text-xs text-slate-500">{basis}</dd> : null}
    </div>
  );
}

/** One criterion: α and its interval, the light, the other coefficients, κ per pair and each rater's values. */
export function CriterionReport({ criterion: c, counts, report, names, disagreementsHref }: Props) {
  const s = c.summary;
  const basis = `${c.basis.units} items, ${c.basis.labels} labels`;
  const alpha = c.kind === "multi" ? c.multi?.lowest.alpha : s?.alpha;
  const alphaReason = c.kind === "multi" ? c.multi?.lowest.alphaReason : (s?.alphaReason ?? c.summaryReason);
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" data-testid={`criterion-${c.key}`}>
      <header className="flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold">{c.label}</h2>
        <span className="text-xs text-slate-500">
          {c.type.toLowerCase()} · {(s?.level ?? c.measurementLevel).toLowerCase()}
        </span>
        {c.kind !== "none" ? <TrafficLight light={c.light} thresholds={report.thresholds} /> : null}
        {c.kind !== "none" ? (
          <Link className="ml-auto text-sm text-indigo-700 underline" href={disagreementsHref}>
            Disagreements
          </Link>
        ) : null}
      </header>
      {c.note ? <p className="text-sm text-slate-600">{c.note}</p> : null}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {c.kind !== "none" ? (
          <Figure
            label={c.kind === "multi" ? `Krippendorff's α (lowest option${c.multi?.lowest.option ? `: ${c.multi.lowest.option}` : ""})` : "Krippendorff's α"}
            value={fixed(alpha)}
            reason={alphaReason}
            basis={basis}
          />
        ) : null}
        {s ? (
          <Figure
            label="95% interval"
            value={s.ci95 ? `${fixed(s.ci95[0])} – ${fixed(s.ci95[1])}` : "—"}
            reason={s.ci95Reason}
            basis={`${s.bootstrap.resamples} resamples over items`}
          />
        ) : null}
        {s ? <Figure label={`P(α < ${s.minimum})`} value={percent(s.probabilityBelowMinimum)} basis={basis} /> : null}
        {s ? (
          <Figure
            label="Percent agreement"
            value={percent(s.percentAgreement)}
            reason={s.percentAgreementReason}
            basis={s.percentWithinOne !== undefined ? `within one: ${percent(s.percentWithinOne)}` : basis}
          />
        ) : null}
        {s ? <Figure label="Fleiss' κ" value={fixed(s.fleissKappa)} reason={s.fleissKappaReason} basis={basis} /> : null}
        {s ? <Figure label="Gwet's AC1" value={fixed(s.ac1)} reason={s.ac1Reason} basis={basis} /> : null}
        <Figure label="Coverage" value={`${c.coverage.unitsWithTwoOrMore} / ${c.coverage.units}`} basis={`items with 2+ labels; ${c.coverage.labels} labels`} />
      </dl>
      {counts ? (
        <p className="text-sm" data-testid="label-counts">
          Label of each completed item: {counts.CONSENSUS} by consensus, {counts.ADJUDICATED} adjudicated, {counts.REFERENCE} reference, {counts.none} without
          one yet
        </p>
      ) : null}
      {c.kind === "multi" && c.multi ? (
        <ul className="text-sm" data-testid="per-option">
          {c.multi.perOption.map((o) => (
            <li key={o.option}>
              {o.option}: α {fixed(o.alpha)} {o.alphaReason ? `(${o.alphaReason})` : ""} · {o.pairable} values
            </li>
          ))}
        </ul>
      ) : null}
      {s && s.pairs.length > 0 ? (
        <div className="space-y-1">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Cohen&apos;s κ between raters</h3>
          <KappaHeatmap pairs={s.pairs} names={names} />
        </div>
      ) : null}
      {c.distribution.length > 0 && c.kind !== "none" ? (
        <div className="space-y-1">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Each rater&apos;s values (share of their labels)</h3>
          <DistributionChart distribution={c.distribution} names={Object.fromEntries(names)} />
          <p className="text-xs text-slate-500">{c.distribution.map((d) => `${names.get(d.rater) ?? d.rater}: ${d.labels} labels`).join(" · ")}</p>
        </div>
      ) : null}
    </section>
  );
}
