import { projectPage } from "@/components/layout/projectPage";
import { RunsBackLink } from "@/components/judges/run-back-link";
import { RunProgress } from "@/components/judges/run-progress";
import { Card } from "@/components/ui/Card";
import { orNotFound } from "@/lib/http/not-found";
import { getRun, listRunItems } from "@/lib/judge-runs/runs";

export default projectPage(async (ctx, { name, runId }: { project: string; name: string; runId: string }) => {
  ctx.require("judges:read", "judge runs");
  const judgeName = decodeURIComponent(name);
  const run = await orNotFound(getRun(ctx.db, ctx, judgeName, runId));
  const errors = await listRunItems(ctx.db, ctx, judgeName, runId, { status: "ERROR", limit: 100 });
  return (
    <>
      <RunsBackLink project={ctx.project.slug} name={name} judgeName={judgeName} />
      <h1 className="text-2xl font-semibold">
        {judgeName} v{run.version}: run of {new Date(run.createdAt).toLocaleString("en")}
      </h1>
      <Card>
        <RunProgress project={ctx.project.slug} judgeName={judgeName} initial={run} initialErrors={errors.items} canRun={ctx.can("judges:run")} />
      </Card>
    </>
  );
});
