import { projectPage } from "@/components/layout/projectPage";
import { RunsBackLink } from "@/components/judges/run-back-link";
import { RunStartForm } from "@/components/judges/run-start-form";
import { Alert } from "@/components/ui/Alert";
import { Card } from "@/components/ui/Card";
import { orNotFound } from "@/lib/http/not-found";
import { explorerTarget } from "@/lib/judge-runs/explorer-target";
import { runFormOptions } from "@/lib/judge-runs/form-options";
import { type SearchParams, plainParams } from "@/lib/traces/url";

export default projectPage(async (ctx, { name }: { project: string; name: string }, search: SearchParams) => {
  ctx.require("judges:run", "judge runs");
  const judgeName = decodeURIComponent(name);
  const query = plainParams(search);
  const ref = query.version && /^\d+$/.test(query.version) ? Number(query.version) : "latest";
  const options = await orNotFound(runFormOptions(ctx.db, ctx, judgeName, ref));
  // The explorer's checked traces or filter; a pairwise judge needs pairs, so it is offered none.
  const traces = options.mode === "single" ? explorerTarget(query) : null;
  return (
    <>
      <RunsBackLink project={ctx.project.slug} name={name} judgeName={judgeName} />
      <h1 className="text-2xl font-semibold">
        Run {judgeName} v{options.version}
      </h1>
      <Card>
        {options.archived ? (
          <Alert tone="warning">This judge is archived. Bring it back from its page to run it.</Alert>
        ) : (
          <RunStartForm
            project={ctx.project.slug}
            judgeName={judgeName}
            version={options.version}
            options={{ queues: options.queues, datasets: options.datasets, traces }}
          />
        )}
      </Card>
    </>
  );
});
