import Link from "next/link";
import { projectPage } from "@/components/layout/projectPage";
import { TraceFilters } from "@/components/traces/TraceFilters";
import { TraceList } from "@/components/traces/TraceList";
import { TracePager } from "@/components/traces/TracePager";
import { Alert } from "@/components/ui/Alert";
import { datasetTargets } from "@/lib/datasets/promote-sources";
import { judgesRunnableOnTraces } from "@/lib/judge-versions/service";
import { listTracesOrProblem } from "@/lib/traces/query";
import { queueTargets } from "@/lib/traces/selection";
import { type SearchParams, filterParams, plainParams } from "@/lib/traces/url";

export default projectPage(async (ctx, _params, searchParams: SearchParams) => {
  ctx.require("traces:read", "traces");
  const query = plainParams(searchParams);
  const [result, queues, datasets, judges] = await Promise.all([
    listTracesOrProblem(ctx.db, ctx, query),
    ctx.can("queues:manage") ? queueTargets(ctx.db, ctx) : null,
    ctx.can("datasets:write") ? datasetTargets(ctx.db, ctx) : null,
    ctx.can("judges:run") ? judgesRunnableOnTraces(ctx.db, ctx) : null,
  ]);
  const slug = ctx.project.slug;
  return (
    <>
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Traces</h1>
        {ctx.can("traces:write") ? (
          <Link href={`/p/${slug}/traces/import`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50">
            Import file
          </Link>
        ) : null}
      </div>
      <TraceFilters slug={slug} values={query} />
      {result.problem ? <Alert tone="error">{result.problem}</Alert> : null}
      <TraceList
        key={JSON.stringify(query)}
        slug={slug}
        rows={result.page.items}
        queues={queues}
        datasets={datasets}
        judges={judges}
        filter={filterParams(query)}
      />
      <TracePager slug={slug} params={query} nextCursor={result.page.nextCursor} />
    </>
  );
});
