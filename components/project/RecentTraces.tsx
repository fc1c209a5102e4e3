import Link from "next/link";
import { previewText } from "@/lib/traces/preview";
import { traceHref } from "@/lib/traces/url";
import { Card } from "@/components/ui/Card";

interface Row {
  externalId: string;
  name: string | null;
  release: string | null;
  startTime: Date;
  output: unknown;
  tags: string[];
}

/** Trace content is untrusted: it is only ever rendered as text. */
export function RecentTraces({ slug, traces, total }: { slug: string; traces: Row[]; total: number }) {
  return (
    <Card
      title={`Recent traces (${total} in all)`}
      actions={
        <Link href={`/p/${slug}/traces`} className="text-sm text-indigo-700 hover:underline">
          Explore all traces →
        </Link>
      }
    >
      {traces.length === 0 ? (
        <p className="text-sm text-slate-500">No traces yet. Send some with an API key; see docs/api.md.</p>
      ) : (
        <table className="w-full table-fixed text-left text-sm" data-testid="recent-traces">
          <thead className="border-b border-slate-200 text-slate-500">
            <tr>
              <th className="w-28 py-2 font-medium">Id</th>
              <th className="w-24 py-2 font-medium">Release</th>
              <th className="py-2 font-medium">Output</th>
              <th className="w-44 py-2 font-medium">Time</th>
            </tr>
          </thead>
          <tbody>
            {traces.map((t) => (
              <tr key={t.externalId} className="border-b border-slate-100 align-top">
                <td className="truncate py-2 font-mono text-xs">
                  <Link href={traceHref(slug, t.externalId)} className="text-indigo-700 hover:underline">
                    {t.externalId}
                  </Link>
                </td>
                <td className="py-2">{t.release ?? "—"}</td>
                <td className="py-2 text-slate-700">{previewText(t.output)}</td>
                <td className="py-2 text-slate-500">{t.startTime.toISOString().replace("T", " ").slice(0, 16)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
