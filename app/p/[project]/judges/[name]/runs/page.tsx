import Link from "next/link";
import { projectPage } from "@/components/layout/projectPage";
import { RunList } from "@/components/judges/run-list";
import { Card } from "@/components/ui/Card";
import { orNotFound } from "@/lib/http/not-found";
import { listRuns } from "@/lib/judge-runs/runs";
import { getJudge } from "@/lib/judge-versions/service";

export default projectPage(async (ctx, { name }: { project: string; name: string }) => {
  ctx.require("judges:read", "judge runs");
  const judgeName = decodeURIComponent(name);
  const [{ runs }, judge] = await orNotFound(Promise.all([listRuns(ctx.db, ctx, judgeName), getJudge(ctx.db, ctx, judgeName)]));
  const base = `/p/${ctx.project.slug}/judges/${name}`;
  return (
    <>
      <p className="text-sm">
        <Link className="text-indigo-700 hover:underline" href={base}>
          {judgeName}
        </Link>
      </p>
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Runs of {judgeName}</h1>
        {ctx.can("judges:run") && !judge.archived ? (
          <Link className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700" href={`${base}/runs/new`}>
            New run
          </Link>
        ) : null}
      </div>
      <Card>
        <RunList runs={runs} base={`${base}/runs`} />
      </Card>
    </>
  );
});
