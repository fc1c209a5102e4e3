import Link from "next/link";
import { projectPage } from "@/components/layout/projectPage";
import { AdjudicatedQueues } from "@/components/queues/AdjudicatedQueues";
import { type TQueueRow, QueueList } from "@/components/queues/QueueList";
import { Card } from "@/components/ui/Card";
import { adjudicatedQueues } from "@/lib/queues/adjudicators";
import { listQueues } from "@/lib/queues/progress";

export default projectPage(async (ctx) => {
  if (!ctx.can("queues:label") && !ctx.can("queues:read")) ctx.refuse("queues");
  const [list, adjudicated] = await Promise.all([listQueues(ctx.db, ctx), adjudicatedQueues(ctx.db, ctx)]);
  const queues = list.queues as TQueueRow[];
  const slug = ctx.project.slug;
  const reader = ctx.can("queues:read");
  const mine = queues.filter((q) => q.assigned);
  return (
    <>
      <div className="flex items-center">
        <h1 className="text-2xl font-semibold">Queues</h1>
        {ctx.can("queues:manage") ? (
          <Link href={`/p/${slug}/queues/new`} className="ml-auto rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
            New queue
          </Link>
        ) : null}
      </div>
      <Card title="My queues">
        {mine.length ? (
          <QueueList slug={slug} queues={mine} manage={reader} settle={ctx.can("queues:adjudicate")} testId="my-queue-list" />
        ) : (
          <p className="text-sm text-slate-500">No queues are assigned to you.</p>
        )}
      </Card>
      {adjudicated.length ? (
        <Card title="Queues you adjudicate">
          <AdjudicatedQueues slug={slug} queues={adjudicated} />
        </Card>
      ) : null}
      {reader ? (
        <Card title="All queues">
          <QueueList slug={slug} queues={queues} manage settle={ctx.can("queues:adjudicate")} testId="all-queue-list" />
        </Card>
      ) : null}
    </>
  );
});
