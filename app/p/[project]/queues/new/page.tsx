import { projectPage } from "@/components/layout/projectPage";
import { CreateQueueForm } from "@/components/queues/CreateQueueForm";
import { db } from "@/lib/db/client";
import { queueFormOptions } from "@/lib/queues/options";

export default projectPage(async (ctx) => {
  ctx.require("queues:manage", "creating queues");
  const options = await queueFormOptions(db(), ctx);
  return (
    <>
      <h1 className="text-2xl font-semibold">New queue</h1>
      <p className="text-sm text-slate-600">Add items afterwards from the trace explorer (select traces, then “Send to queue”) or through the API.</p>
      <CreateQueueForm slug={ctx.project.slug} {...options} />
    </>
  );
});
