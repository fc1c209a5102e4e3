import Link from "next/link";
import type { TLineage } from "@/lib/datasets/content";
import { traceHref } from "@/lib/traces/url";
import { preview } from "./preview";

const VIA: Record<TLineage["via"], string> = {
  rule: "a promotion rule",
  traces: "the traces explorer",
  api: "the API",
  import: "an import",
  hand: "by hand",
};

/** Where an item came from: its trace, its queue, the labels copied with it, and who added it. */
export function Lineage({
  slug,
  lineage,
  sourceTrace,
  addedBy,
}: {
  slug: string;
  lineage: TLineage | null;
  sourceTrace: string | null;
  addedBy: string | null;
}) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm" data-testid="item-lineage">
      <dt className="text-slate-500">Added</dt>
      <dd>
        {lineage ? VIA[lineage.via] : "—"}
        {addedBy ? ` by ${addedBy}` : ""}
      </dd>
      <dt className="text-slate-500">Source trace</dt>
      <dd>
        {sourceTrace ? (
          <Link href={traceHref(slug, sourceTrace)} className="font-mono text-xs text-indigo-700 hover:underline">
            {sourceTrace}
          </Link>
        ) : lineage?.traceId ? (
          <span className="text-slate-500">deleted since</span>
        ) : (
          "—"
        )}
      </dd>
      {lineage?.queueId ? (
        <>
          <dt className="text-slate-500">Queue</dt>
          <dd>
            <Link href={`/p/${slug}/queues/${lineage.queueId}`} className="text-indigo-700 hover:underline">
              the queue it was labelled in
            </Link>
          </dd>
        </>
      ) : null}
      {lineage?.gateOverride ? (
        <>
          <dt className="text-slate-500">Gate overridden</dt>
          <dd>{lineage.gateOverride}</dd>
        </>
      ) : null}
      {lineage?.redacted ? (
        <>
          <dt className="text-slate-500">Redacted</dt>
          <dd>{lineage.redacted}</dd>
        </>
      ) : null}
      <dt className="text-slate-500">Labels copied</dt>
      <dd>
        {lineage?.labels.length ? (
          <ul className="space-y-0.5">
            {lineage.labels.map((l, i) => (
              <li key={`${l.criterionKey}-${i}`}>
                <span className="font-mono text-xs">{l.criterionKey}</span> = {preview(l.value, 60)}{" "}
                <span className="text-xs text-slate-500">
                  ({l.provenance}
                  {l.adjudicated ? ", adjudicated" : ""}
                  {l.raters.length ? `, ${l.raters.length} rater${l.raters.length === 1 ? "" : "s"}` : ""})
                </span>
              </li>
            ))}
          </ul>
        ) : (
          "none"
        )}
      </dd>
    </dl>
  );
}
