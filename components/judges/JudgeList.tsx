import Link from "next/link";
import type { TJudge } from "@/lib/judge-versions/schemas";
import { Table } from "@/components/ui/Table";

/** The project's judges, archived ones last. */
export function JudgeList({ base, judges, canManage }: { base: string; judges: TJudge[]; canManage: boolean }) {
  return (
    <Table
      testId="judge-list"
      rows={judges}
      rowKey={(j) => j.id}
      empty={
        <p className="text-sm text-slate-600" data-testid="judges-empty">
          No judges yet. A judge asks a model one rubric criterion, versioned like a rubric, and is held against what people answered.
          {canManage ? " Create one with “New judge”." : ""}
        </p>
      }
      columns={[
        {
          header: "Name",
          cell: (j) => (
            <>
              <Link href={`${base}/${encodeURIComponent(j.name)}`} className="font-medium text-indigo-700 hover:underline">
                {j.name}
              </Link>
              {j.archived ? <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600">archived</span> : null}
              {j.description ? <p className="truncate text-xs text-slate-500">{j.description}</p> : null}
            </>
          ),
        },
        { header: "Latest version", cell: (j) => (j.latestVersion ? `v${j.latestVersion}` : "unpublished") + (j.hasDraft ? " · draft open" : "") },
        { header: "Criterion", cell: (j) => j.criterionLabel ?? "—" },
        { header: "Model", cell: (j) => j.model ?? "—" },
        { header: "Created", cell: (j) => j.createdAt.slice(0, 10) },
      ]}
    />
  );
}
