import type { TVersion } from "@/lib/datasets/schemas";
import { Table } from "@/components/ui/Table";

const counts = (splits: Record<string, number>) =>
  Object.entries(splits)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([split, n]) => `${split} ${n}`)
    .join(" · ");

/** Published versions, newest first: counts per split, the checksum's start, tags. */
export function VersionTable({ versions }: { versions: TVersion[] }) {
  return (
    <Table
      testId="version-table"
      rows={versions}
      rowKey={(v) => v.id}
      empty={
        <p className="text-sm text-slate-600" data-testid="versions-empty">
          Nothing published yet. Publishing freezes the current items into version 1.
        </p>
      }
      columns={[
        { header: "Version", cell: (v) => <span className="font-medium">v{v.number}</span> },
        { header: "Note", cell: (v) => v.note || "—" },
        { header: "Items", cell: (v) => v.itemCount, className: "tabular-nums" },
        { header: "Per split", cell: (v) => counts(v.splitCounts) || "—" },
        {
          header: "Checksum",
          cell: (v) => (
            <code title={v.checksum} className="font-mono text-xs">
              {v.checksum.replace(/^sha256:/, "").slice(0, 12)}
            </code>
          ),
        },
        {
          header: "Tags",
          cell: (v) => (
            <>
              {v.tags.map((t) => (
                <span key={t} className="mr-1 rounded bg-indigo-50 px-1.5 text-xs text-indigo-800">
                  {t}
                </span>
              ))}
              {v.redacted ? <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">redacted</span> : null}
            </>
          ),
        },
        { header: "Published", cell: (v) => new Date(v.createdAt).toISOString().slice(0, 10) },
      ]}
    />
  );
}
