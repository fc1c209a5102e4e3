import { projectPage } from "@/components/layout/projectPage";
import { RunsBackLink } from "@/components/judges/run-back-link";
import { RunStartForm } from "@/components/judges/run-start-form";
import { Card } from "@/components/ui/Card";
import { orNotFound } from "@/lib/http/not-found";
import { runFormOptions } from "@/lib/judge-runs/form-options";

type Search = { version?: string; traceIds?: string };

export default projectPage(async (ctx, { name }: { project: string; name: string }, search: Search) => {
  ctx.require("judges:run", "judge runs");
  const judgeName = decodeURIComponent(name);
  const ref = search.version && /^\d+$/.test(search.version) ? Number(search.version) : "latest";
  const options = await orNotFound(runFormOptions(ctx.db, ctx, judgeName, ref));
  // The explorer passes its checked traces as `traceIds=<id>,<id>…`.
  const traceIds = (search.traceIds ?? "").split(",").filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  return (
    <>
      <RunsBackLink project={ctx.project.slug} name={name} judgeName={judgeName} />
      <h1 className="text-2xl font-semibold">
        Run {judgeName} v{options.version}
      </h1>
      <Card>
        <RunStartForm
          project={ctx.project.slug}
          judgeName={judgeName}
          version={options.version}
          options={{ queues: options.queues, datasets: options.datasets, traceIds }}
        />
      </Card>
    </>
  );
});
