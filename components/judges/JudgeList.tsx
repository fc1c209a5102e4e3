import Link from "next/link";
import type { TJudge } from "@/lib/judge-versions/schemas";
import { Table } from "@/components/ui/Table";
import { ArchiveJudgeButton } from "./ArchiveJudgeButton";

interface Props {
  project: string;
  judges: TJudge[];
  canManage: boolean;
  /** The archived judges' list: each can be brought back. */
  archived?: boolean;
}

/** The project's active judges, or its archived ones. */
export function JudgeList({ project, judges, canManage, archived = false }: Props) {
  const base = `/p/${project}/judges`;
  if (archived && judges.length === 0) return <p className="text-sm text-slate-600">No archived judges.</p>;
  return (
    <Table
      testId={archived ? "archived-judge-list" : "judge-list"}
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
              {j.description ? <p className="truncate text-xs text-slate-500">{j.description}</p> : null}
            </>
          ),
        },
        { header: "Latest version", cell: (j) => (j.latestVersion ? `v${j.latestVersion}` : "unpublished") + (j.hasDraft ? " · draft open" : "") },
        { header: "Criterion", cell: (j) => j.criterionLabel ?? "—" },
        { header: "Model", cell: (j) => j.model ?? "—" },
        { header: "Created", cell: (j) => j.createdAt.slice(0, 10) },
        ...(archived && canManage ? [{ header: "", cell: (j: TJudge) => <ArchiveJudgeButton project={project} judgeName={j.name} archived /> }] : []),
      ]}
    />
  );
}
