import Link from "next/link";
import { CompareView } from "@/components/datasets/CompareView";
import { projectPage } from "@/components/layout/projectPage";
import { Card } from "@/components/ui/Card";
import { getDataset } from "@/lib/datasets/service";
import { listVersions } from "@/lib/datasets/versions";
import { orNotFound } from "@/lib/http/not-found";

export default projectPage(async (ctx, { datasetId }: { project: string; datasetId: string }, query: { from?: string; to?: string }) => {
  ctx.require("datasets:read", "golden datasets");
  const [dataset, { versions }] = await Promise.all([orNotFound(getDataset(ctx.db, ctx, datasetId)), orNotFound(listVersions(ctx.db, ctx, datasetId))]);
  const refs = versions.flatMap((v) => [
    { value: String(v.number), label: `v${v.number}` },
    ...v.tags.map((t) => ({ value: t, label: `${t} (v${v.number})` })),
  ]);
  const base = `/p/${ctx.project.slug}/datasets/${dataset.id}`;
  return (
    <>
      <Link href={base} className="text-sm text-indigo-700">
        ← {dataset.name}
      </Link>
      <h1 className="text-2xl font-semibold">Compare versions</h1>
      <Card>
        {versions.length < 2 ? (
          <p className="text-sm text-slate-600" data-testid="compare-empty">
            Two published versions are needed to compare. This dataset has {versions.length}.
          </p>
        ) : (
          <CompareView
            project={ctx.project.slug}
            datasetId={dataset.id}
            refs={refs}
            from={query.from ?? String(versions[1].number)}
            to={query.to ?? String(versions[0].number)}
          />
        )}
      </Card>
    </>
  );
});
