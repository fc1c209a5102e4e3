import { projectPage } from "@/components/layout/projectPage";
import { CreateQueueForm } from "@/components/queues/CreateQueueForm";
import { queueFormOptions } from "@/lib/queues/options";

export default projectPage(async (ctx) => {
  ctx.require("queues:manage", "creating queues");
  const options = await queueFormOptions(ctx.db, ctx);
  return (
    <>
      <h1 className="text-2xl font-semibold">New queue</h1>
      <p className="text-sm text-slate-600">Add items afterwards from the trace explorer (select traces, then “Add to queue”) or through the API.</p>
      <CreateQueueForm slug={ctx.project.slug} {...options} />
    </>
  );
});
