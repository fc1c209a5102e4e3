import Link from "next/link";
import { DiffPicker } from "@/components/rubric/DiffPicker";
import { projectPage } from "@/components/layout/projectPage";
import { RubricActions } from "@/components/rubric/RubricActions";
import { RubricDetailsForm } from "@/components/rubric/RubricDetailsForm";
import { VersionList } from "@/components/rubric/VersionList";
import { Alert } from "@/components/ui/Alert";
import { Card } from "@/components/ui/Card";
import { db } from "@/lib/db/client";
import { orNotFound } from "@/lib/http/not-found";
import { getRubric } from "@/lib/rubrics/service";

export default projectPage(async (ctx, { rubricId }: { project: string; rubricId: string }) => {
  ctx.require("rubrics:read", "rubrics");
  const rubric = await orNotFound(getRubric(db(), ctx, rubricId));
  const base = `/p/${ctx.project.slug}/rubrics/${rubric.id}`;
  const api = `/api/projects/${ctx.project.slug}/rubrics/${rubric.id}`;
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link href={`/p/${ctx.project.slug}/rubrics`} className="text-sm text-indigo-700">
            ← Rubrics
          </Link>
          <h1 className="text-2xl font-semibold">{rubric.name}</h1>
          <p className="font-mono text-xs text-slate-500">{rubric.slug}</p>
          {rubric.description ? <p className="mt-1 text-slate-700">{rubric.description}</p> : null}
        </div>
        {ctx.can("rubrics:manage") ? (
          <RubricActions
            project={ctx.project.slug}
            rubricId={rubric.id}
            archived={Boolean(rubric.archivedAt)}
            hasDraft={rubric.versions.some((v) => v.status === "DRAFT")}
          />
        ) : null}
      </div>
      {rubric.archivedAt ? <Alert tone="warning">Archived: no new queue can use this rubric. Everything it holds is kept.</Alert> : null}
      <Card
        title="Versions"
        actions={
          <span className="flex gap-3 text-sm">
            <a href={`${api}/export?format=yaml`} className="text-indigo-700" download>
              Export YAML
            </a>
            <a href={`${api}/export?format=json`} className="text-indigo-700" download>
              Export JSON
            </a>
          </span>
        }
      >
        <VersionList
          base={base}
          versions={rubric.versions.map((v) => ({
            id: v.id,
            version: v.version,
            changeNote: v.changeNote,
            publishedAt: v.publishedAt?.toISOString() ?? null,
            criteria: v._count.criteria,
            queues: v._count.queues,
            scores: v._count.scores,
          }))}
        />
      </Card>
      {ctx.can("rubrics:manage") ? (
        <Card title="Details">
          <RubricDetailsForm project={ctx.project.slug} rubricId={rubric.id} name={rubric.name} description={rubric.description} />
        </Card>
      ) : null}
      {rubric.versions.length > 1 ? (
        <Card title="Compare two versions">
          <DiffPicker action={`${base}/diff`} versions={rubric.versions.map((v) => ({ id: v.id, label: v.version === null ? "Draft" : `v${v.version}` }))} />
        </Card>
      ) : null}
    </>
  );
});
