import Link from "next/link";
import { type TQueueRow, QueueList } from "../../../../components/queues/QueueList";
import { Card } from "../../../../components/ui/Card";
import { Forbidden } from "../../../../components/ui/Forbidden";
import { can } from "../../../../lib/auth/scopes";
import { pool } from "../../../../lib/db/client";
import { pageProject } from "../../../../lib/http/page-context";
import { listQueues } from "../../../../lib/queues/progress";

export default async function QueuesPage({ params }: { params: Promise<{ project: string }> }) {
  const ctx = await pageProject((await params).project);
  if (!can(ctx, "queues:label") && !can(ctx, "queues:read")) return <Forbidden what="queues" />;
  const queues = (await listQueues(pool(), ctx)).queues as TQueueRow[];
  const slug = ctx.project.slug;
  const reader = can(ctx, "queues:read");
  const mine = queues.filter((q) => q.assigned);
  return (
    <>
      <div className="flex items-center">
        <h1 className="text-2xl font-semibold">Queues</h1>
        {can(ctx, "queues:manage") ? (
          <Link href={`/p/${slug}/queues/new`} className="ml-auto rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700">
            New queue
          </Link>
        ) : null}
      </div>
      <Card title="My queues">
        {mine.length ? <QueueList slug={slug} queues={mine} manage={reader} testId="my-queue-list" /> : <p className="text-sm text-slate-500">No queues are assigned to you.</p>}
      </Card>
      {reader ? (
        <Card title="All queues">
          <QueueList slug={slug} queues={queues} manage testId="all-queue-list" />
        </Card>
      ) : null}
    </>
  );
}
