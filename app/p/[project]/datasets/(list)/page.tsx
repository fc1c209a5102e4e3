import { DatasetList } from "@/components/datasets/DatasetList";
import { NewDatasetDialog } from "@/components/datasets/NewDatasetDialog";
import { projectPage } from "@/components/layout/projectPage";
import { Card } from "@/components/ui/Card";
import { listDatasets } from "@/lib/datasets/service";

export default projectPage(async (ctx) => {
  ctx.require("datasets:read", "golden datasets");
  const { datasets } = await listDatasets(ctx.db, ctx);
  const canWrite = ctx.can("datasets:write");
  return (
    <>
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Datasets</h1>
        {canWrite ? <NewDatasetDialog project={ctx.project.slug} /> : null}
      </div>
      <Card>
        <DatasetList base={`/p/${ctx.project.slug}/datasets`} datasets={datasets} canWrite={canWrite} />
      </Card>
    </>
  );
});
