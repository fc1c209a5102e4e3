import { DatasetHeader } from "@/components/datasets/DatasetHeader";
import { DatasetTabs } from "@/components/datasets/DatasetTabs";
import { DownloadForm } from "@/components/datasets/DownloadForm";
import { ItemsSection } from "@/components/datasets/ItemsSection";
import { VersionsSection } from "@/components/datasets/VersionsSection";
import { projectPage } from "@/components/layout/projectPage";
import { itemHistory } from "@/lib/datasets/history";
import { listItems } from "@/lib/datasets/items";
import { ZExportQuery, ZItemsQuery } from "@/lib/datasets/schemas";
import { getDataset } from "@/lib/datasets/service";
import { listVersions } from "@/lib/datasets/versions";
import { orNotFound } from "@/lib/http/not-found";

type Query = { tab?: string; split?: string; cursor?: string; archived?: string; item?: string };

export default projectPage(async (ctx, { datasetId }: { project: string; datasetId: string }, query: Query) => {
  ctx.require("datasets:read", "golden datasets");
  const [dataset, { versions }] = await Promise.all([orNotFound(getDataset(ctx.db, ctx, datasetId)), orNotFound(listVersions(ctx.db, ctx, datasetId))]);
  const slug = ctx.project.slug;
  const base = `/p/${slug}/datasets/${dataset.id}`;
  const canDownload = ctx.can("exports:run");
  const tab = query.tab === "versions" || (query.tab === "download" && canDownload) ? query.tab : "items";
  const canWrite = ctx.can("datasets:write") && !dataset.archived;
  const params = { split: query.split, archived: query.archived, cursor: query.cursor, item: query.item };
  const itemsQuery = ZItemsQuery.safeParse({ limit: 50, ...params });
  const [page, history] =
    tab === "items"
      ? await Promise.all([
          listItems(ctx.db, ctx, dataset.id, itemsQuery.success ? itemsQuery.data : { limit: 50, archived: "false" }),
          query.item ? itemHistory(ctx.db, ctx, dataset.id, query.item).catch(() => null) : null,
        ])
      : [null, null];
  const knownSplits = [...new Set([...versions.flatMap((v) => Object.keys(v.splitCounts)), ...(page?.items.flatMap((i) => i.splits) ?? [])])].sort();
  return (
    <>
      <DatasetHeader slug={slug} dataset={dataset} canWrite={ctx.can("datasets:write")} canDelete={ctx.can("datasets:delete")} />
      <DatasetTabs base={base} current={tab} canDownload={canDownload} />
      {page ? (
        <ItemsSection
          slug={slug}
          base={base}
          datasetId={dataset.id}
          page={page}
          history={history}
          params={params}
          knownSplits={knownSplits}
          canWrite={canWrite}
        />
      ) : null}
      {tab === "versions" ? <VersionsSection slug={slug} datasetId={dataset.id} versions={versions} canWrite={canWrite} /> : null}
      {tab === "download" ? (
        <DownloadForm
          project={slug}
          datasetId={dataset.id}
          formats={ZExportQuery.shape.format.unwrap().options}
          versions={versions.map((v) => ({ number: v.number, tags: v.tags, splits: Object.keys(v.splitCounts).sort() }))}
        />
      ) : null}
    </>
  );
});
