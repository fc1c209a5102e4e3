import Link from "next/link";
import type { TImportView } from "@/lib/imports/schemas";
import { formatUtc } from "@/lib/time";

/** Past imports, newest first; each opens its report. */
export function ImportList({ slug, imports }: { slug: string; imports: TImportView[] }) {
  if (!imports.length) return <p className="text-sm text-slate-500">No imports yet.</p>;
  return (
    <table className="w-full text-sm" aria-label="Past imports">
      <thead>
        <tr className="text-left text-xs text-slate-500">
          <th className="py-1 pr-4 font-medium">File</th>
          <th className="py-1 pr-4 font-medium">Status</th>
          <th className="py-1 pr-4 font-medium">Accepted</th>
          <th className="py-1 pr-4 font-medium">Rejected</th>
          <th className="py-1 font-medium">Started</th>
        </tr>
      </thead>
      <tbody>
        {imports.map((i) => (
          <tr key={i.id} className="border-t border-slate-100">
            <td className="py-1 pr-4">
              <Link href={`/p/${slug}/traces/import?id=${i.id}`} className="text-indigo-700 hover:underline">
                {i.fileName}
              </Link>{" "}
              <span className="text-xs text-slate-500">{i.format}</span>
            </td>
            <td className="py-1 pr-4">{i.status}</td>
            <td className="py-1 pr-4">{i.accepted}</td>
            <td className="py-1 pr-4">{i.rejected}</td>
            <td className="py-1 text-xs text-slate-500">{formatUtc(i.createdAt, "second")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
