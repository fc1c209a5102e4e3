import { JudgeList } from "@/components/judges/JudgeList";
import { NewJudgeDialog } from "@/components/judges/NewJudgeDialog";
import { projectPage } from "@/components/layout/projectPage";
import { Card } from "@/components/ui/Card";
import { listJudges } from "@/lib/judge-versions/service";

export default projectPage(async (ctx) => {
  ctx.require("judges:read", "LLM judges");
  const { judges, truncated } = await listJudges(ctx.db, ctx);
  const canManage = ctx.can("judges:manage");
  const archived = judges.filter((j) => j.archived);
  return (
    <>
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Judges</h1>
        {canManage ? <NewJudgeDialog project={ctx.project.slug} /> : null}
      </div>
      <Card>
        <JudgeList project={ctx.project.slug} judges={judges.filter((j) => !j.archived)} canManage={canManage} />
        {truncated ? <p className="mt-2 text-xs text-slate-500">Showing the first {judges.length} judges.</p> : null}
      </Card>
      {archived.length ? (
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Archived</h2>
          <JudgeList project={ctx.project.slug} judges={archived} canManage={canManage} archived />
        </Card>
      ) : null}
    </>
  );
});
