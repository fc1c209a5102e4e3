import Link from "next/link";
import type { TItem } from "@/lib/datasets/schemas";
import { Table } from "@/components/ui/Table";
import { pageHref, preview } from "./preview";

interface Props {
  base: string;
  items: TItem[];
  /** The page's query: split, archived, cursor, item. */
  params: Record<string, string | undefined>;
  nextCursor: string | null;
  knownSplits: string[];
}

/** A page of current items in portable id order, filtered by split; a row opens the item's panel. */
export function ItemTable({ base, items, params, nextCursor, knownSplits }: Props) {
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50";
  const archived = params.archived === "true";
  return (
    <div className="space-y-3">
      <form method="get" action={base} className="flex flex-wrap items-end gap-2" aria-label="Filter items">
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Split</span>
          <select name="split" defaultValue={params.split ?? ""} className="rounded-md border border-slate-300 px-2 py-1.5 text-sm" data-testid="split-filter">
            <option value="">All splits</option>
            {knownSplits.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 pb-1.5 text-sm">
          <input type="checkbox" name="archived" value="true" defaultChecked={archived} /> Archived items
        </label>
        <button type="submit" className={link}>
          Filter
        </button>
      </form>
      <Table
        testId="item-table"
        rows={items}
        rowKey={(i) => i.id}
        empty={
          <p className="text-sm text-slate-600" data-testid="items-empty">
            {params.split || archived ? "No items match this filter." : "No items yet. Add one by hand or from a queue."}
          </p>
        }
        columns={[
          {
            header: "Input",
            cell: (i) => (
              <Link
                href={pageHref(base, params, { item: i.id })}
                aria-current={params.item === i.id ? "true" : undefined}
                className="text-indigo-700 hover:underline"
                data-testid="item-link"
              >
                {preview(i.input)}
              </Link>
            ),
          },
          {
            header: "Expected output",
            cell: (i) => <span className="text-slate-700">{preview(i.preference ? i.preference.preferred : i.expectedOutput, 60)}</span>,
          },
          { header: "Splits", cell: (i) => i.splits.join(", ") || "—" },
          { header: "Tags", cell: (i) => i.tags.join(", ") || "—" },
          { header: "Rev.", cell: (i) => i.revision, className: "tabular-nums" },
        ]}
      />
      <nav aria-label="Pages" className="flex justify-end gap-2">
        {params.cursor ? (
          <Link href={pageHref(base, params, { cursor: undefined, item: undefined })} className={link}>
            ← First page
          </Link>
        ) : null}
        {nextCursor ? (
          <Link href={pageHref(base, params, { cursor: nextCursor, item: undefined })} className={link} rel="next">
            Next page →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
