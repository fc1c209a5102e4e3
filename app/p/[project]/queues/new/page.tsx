import { CreateQueueForm } from "../../../../../components/queues/CreateQueueForm";
import { Forbidden } from "../../../../../components/ui/Forbidden";
import { can } from "../../../../../lib/auth/scopes";
import { db } from "../../../../../lib/db/client";
import { pageProject } from "../../../../../lib/http/page-context";
import { queueFormOptions } from "../../../../../lib/queues/options";

export default async function NewQueuePage({ params }: { params: Promise<{ project: string }> }) {
  const ctx = await pageProject((await params).project);
  if (!can(ctx, "queues:manage")) return <Forbidden what="creating queues" />;
  const options = await queueFormOptions(db(), ctx);
  return (
    <>
      <h1 className="text-2xl font-semibold">New queue</h1>
      <p className="text-sm text-slate-600">Add items afterwards from the trace explorer (select traces, then “Send to queue”) or through the API.</p>
      <CreateQueueForm slug={ctx.project.slug} {...options} />
    </>
  );
}
