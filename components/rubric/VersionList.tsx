import Link from "next/link";
import { formatUtc } from "@/lib/time";

export interface VersionRow {
  id: string;
  version: number | null;
  changeNote: string;
  publishedAt: string | null;
  criteria: number;
  queues: number;
  scores: number;
}

export function VersionList({ base, versions }: { base: string; versions: VersionRow[] }) {
  if (versions.length === 0) return <p className="text-sm text-slate-600">No versions yet.</p>;
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="py-1">Version</th>
          <th>Change note</th>
          <th>Published</th>
          <th>Criteria</th>
          <th>Used by</th>
          <th />
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {versions.map((v) => (
          <tr key={v.id} data-testid={v.version === null ? "version-draft" : `version-${v.version}`}>
            <td className="py-2 font-medium">{v.version === null ? "Draft" : `v${v.version}`}</td>
            <td className="text-slate-700">{v.changeNote || "—"}</td>
            <td className="text-slate-600">{v.publishedAt ? formatUtc(v.publishedAt) : "not yet"}</td>
            <td>{v.criteria}</td>
            <td className="text-slate-600">
              {v.queues} queues · {v.scores} scores
            </td>
            <td className="space-x-3 text-right">
              <Link href={`${base}/versions/${v.id}`} className="text-indigo-700">
                View and preview
              </Link>
              {v.version === null ? (
                <Link href={`${base}/draft`} className="text-indigo-700">
                  Edit
                </Link>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
