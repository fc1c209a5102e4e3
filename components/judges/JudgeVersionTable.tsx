import type { TJudgeVersion } from "@/lib/judge-versions/schemas";
import { Table } from "@/components/ui/Table";
import { NewDraftButton } from "./NewDraftButton";

/** A judge's published versions, oldest first, each with what it pins. */
export function JudgeVersionTable({
  project,
  judgeName,
  versions,
  canManage,
}: {
  project: string;
  judgeName: string;
  versions: TJudgeVersion[];
  canManage: boolean;
}) {
  return (
    <Table
      testId="judge-versions"
      rows={versions}
      rowKey={(v) => v.id}
      empty={
        <p className="text-sm text-slate-600" data-testid="judge-versions-empty">
          Nothing published yet. Save a draft below, then publish it as version 1.
        </p>
      }
      columns={[
        { header: "Version", cell: (v) => <span className="font-medium">v{v.version}</span> },
        { header: "Criterion", cell: (v) => `${v.criterion.label} (${v.criterion.type.toLowerCase()})` },
        { header: "Model", cell: (v) => v.model },
        { header: "Published", cell: (v) => v.publishedAt?.slice(0, 16).replace("T", " ") ?? "—" },
        { header: "Examples", cell: (v) => v.exampleIds.length, className: "tabular-nums" },
        { header: "Change note", cell: (v) => v.changeNote || "—" },
        ...(canManage ? [{ header: "", cell: (v: TJudgeVersion) => <NewDraftButton project={project} judgeName={judgeName} version={v.version!} /> }] : []),
      ]}
    />
  );
}
