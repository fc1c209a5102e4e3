import Link from "next/link";
import { Table } from "@/components/ui/Table";
import type { TRun } from "@/lib/judge-runs/schemas";

const targetText = (target: Record<string, unknown>) =>
  target.kind === "queue"
    ? "a queue"
    : target.kind === "dataset"
      ? `dataset v${String(target.version)}${target.split ? ` (${String(target.split)})` : ""}`
      : `${String(target.traces)} traces`;

/** A judge's runs, newest first, each opening its run page. */
export function RunList({ runs, base }: { runs: TRun[]; base: string }) {
  return (
    <Table
      rows={runs}
      rowKey={(r) => r.id}
      testId="runs"
      empty={<p className="text-sm text-slate-600">No runs yet.</p>}
      columns={[
        {
          header: "Started",
          cell: (r) => (
            <Link className="text-indigo-700 hover:underline" href={`${base}/${r.id}`}>
              {new Date(r.createdAt).toLocaleString("en")}
            </Link>
          ),
        },
        { header: "Version", cell: (r) => `v${r.version}` },
        { header: "Target", cell: (r) => targetText(r.target) },
        { header: "Status", cell: (r) => r.status.toLowerCase() },
        { header: "Done", cell: (r) => `${r.counts.DONE} / ${r.counts.total}` },
        { header: "Errors", cell: (r) => r.counts.ERROR },
        { header: "Cost", cell: (r) => `$${r.cost.toFixed(4)}` },
      ]}
    />
  );
}
