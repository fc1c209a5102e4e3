import { Table } from "@/components/ui/Table";
import type { TRunItem } from "@/lib/judge-runs/schemas";

/** A run's per-target errors: which target, the code, and the message as recorded. */
export function RunErrors({ errors }: { errors: TRunItem[] }) {
  if (errors.length === 0) return null;
  return (
    <section aria-labelledby="run-errors" className="space-y-2">
      <h2 id="run-errors" className="text-base font-semibold">
        Errors
      </h2>
      <Table
        rows={errors}
        rowKey={(e) => e.id}
        testId="run-errors"
        columns={[
          { header: "Target", cell: (e) => <span className="font-mono text-xs">{e.target.label ?? e.target.id}</span> },
          { header: "Code", cell: (e) => e.errorCode },
          { header: "Message", cell: (e) => e.errorMessage },
        ]}
      />
    </section>
  );
}
