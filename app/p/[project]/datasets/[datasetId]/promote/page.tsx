import { notFound } from "next/navigation";
import { z } from "zod";
import { PromoteScreen } from "@/components/datasets/PromoteScreen";
import { projectPage } from "@/components/layout/projectPage";
import { promotionSources } from "@/lib/datasets/promote-sources";
import { getDataset } from "@/lib/datasets/service";
import { AppError } from "@/lib/errors";

export default projectPage(async (ctx, { datasetId }: { project: string; datasetId: string }) => {
  if (!z.uuid().safeParse(datasetId).success) notFound();
  ctx.require("datasets:write", "adding to golden datasets");
  const dataset = await getDataset(ctx.db, ctx, datasetId).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const sources = await promotionSources(ctx.db, ctx);
  return (
    <>
      <h1 className="text-2xl font-semibold">Promote into {dataset.name}</h1>
      <p className="text-sm text-slate-600">
        Pick a queue and the labels that make an item golden. The preview shows what the rule selects and whether the raters agree enough; nothing is added
        until you say so.
      </p>
      <PromoteScreen base={`/api/projects/${ctx.project.slug}/datasets/${datasetId}`} sources={sources} canOverride={ctx.role === "ADMIN"} />
    </>
  );
});
