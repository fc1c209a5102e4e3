import Link from "next/link";
import type { TDataset } from "@/lib/datasets/schemas";
import { Table } from "@/components/ui/Table";

const tagText = (tags: Record<string, number>) =>
  Object.entries(tags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tag, n]) => `${tag} → v${n}`)
    .join(", ");

/** The project's datasets, archived ones last. */
export function DatasetList({ base, datasets, canWrite }: { base: string; datasets: TDataset[]; canWrite: boolean }) {
  return (
    <Table
      testId="dataset-list"
      rows={datasets}
      rowKey={(d) => d.id}
      empty={
        <p className="text-sm text-slate-600" data-testid="datasets-empty">
          No datasets yet. A golden dataset holds the examples your application must always get right, frozen into versions you can export.
          {canWrite ? " Create one with “New dataset”, then add items by hand or from a queue." : ""}
        </p>
      }
      columns={[
        {
          header: "Name",
          cell: (d) => (
            <>
              <Link href={`${base}/${d.id}`} className="font-medium text-indigo-700 hover:underline">
                {d.name}
              </Link>
              {d.archived ? <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600">archived</span> : null}
              {d.description ? <p className="truncate text-xs text-slate-500">{d.description}</p> : null}
            </>
          ),
        },
        { header: "Items", cell: (d) => d.items, className: "tabular-nums" },
        { header: "Latest version", cell: (d) => (d.latestVersion ? `v${d.latestVersion}` : "unpublished") },
        { header: "Tags", cell: (d) => tagText(d.tags) || "—" },
        { header: "Created", cell: (d) => new Date(d.createdAt).toISOString().slice(0, 10) },
      ]}
    />
  );
}
