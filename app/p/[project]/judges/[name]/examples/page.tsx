import Link from "next/link";
import { notFound } from "next/navigation";
import { projectPage } from "@/components/layout/projectPage";
import { ExamplesTable } from "@/components/judges/ExamplesTable";
import { Card } from "@/components/ui/Card";
import { can } from "@/lib/auth/scopes";
import { AppError } from "@/lib/errors";
import { listCalibration } from "@/lib/judge-calibration/service";
import { judgeNameParam } from "@/lib/judge-report/subject";

export default projectPage(async (ctx, params: { project: string; name: string }) => {
  ctx.require("judges:read", "judges");
  const set = await listCalibration(ctx.db, ctx, judgeNameParam(params.name)).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const base = `/p/${ctx.project.slug}/judges/${encodeURIComponent(set.judge)}`;
  return (
    <>
      <h1 className="text-2xl font-semibold">{set.judge}: calibration set</h1>
      <Card
        title={`${set.examples.length} example${set.examples.length === 1 ? "" : "s"} on ${set.criterion}`}
        actions={
          <div className="flex gap-4 text-sm">
            <Link className="text-indigo-700 underline" href={`${base}/agreement`}>
              Comparison with people
            </Link>
            <a
              className="text-indigo-700 underline"
              href={`/api/projects/${ctx.project.slug}/judges/${encodeURIComponent(set.judge)}/examples?format=jsonl`}
              download
            >
              Download JSONL
            </a>
          </div>
        }
      >
        <ExamplesTable project={ctx.project.slug} judge={set.judge} examples={set.examples} canManage={can(ctx, "judges:manage")} />
      </Card>
    </>
  );
});
