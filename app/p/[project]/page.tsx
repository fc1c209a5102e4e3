import { projectPage } from "@/components/layout/projectPage";
import { MyQueues } from "@/components/project/MyQueues";
import { RecentTraces } from "@/components/project/RecentTraces";
import { Card } from "@/components/ui/Card";
import { db } from "@/lib/db/client";
import { projectOverview } from "@/lib/projects/service";

export default projectPage(async (ctx) => {
  const overview = await projectOverview(db(), ctx);
  return (
    <>
      <h1 className="text-2xl font-semibold">{ctx.project.name}</h1>
      <MyQueues slug={ctx.project.slug} queues={overview.myQueues} />
      {overview.counts ? (
        <>
          <div className="grid grid-cols-3 gap-4" data-testid="project-counts">
            {Object.entries(overview.counts).map(([label, count]) => (
              <Card key={label}>
                <p className="text-sm capitalize text-slate-500">{label}</p>
                <p className="text-2xl font-semibold">{count}</p>
              </Card>
            ))}
          </div>
          <RecentTraces slug={ctx.project.slug} traces={overview.recentTraces} total={overview.counts.traces} />
        </>
      ) : null}
    </>
  );
});
