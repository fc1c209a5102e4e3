import { exportVersion } from "@/lib/datasets/export";
import { ZExportQuery, ZVersionRef } from "@/lib/datasets/schemas";
import { AppError } from "@/lib/errors";
import { projectRoute } from "@/lib/http/handler";

/** A published version (by number or tag) as a streamed attachment `<dataset>-v<N>[-<split>].<ext>`. */
export const GET = projectRoute({ auth: "session", scope: "datasets:read", query: ZExportQuery }, (ctx, { params, query, db }) => {
  const ref = ZVersionRef.safeParse(params.version);
  if (!ref.success) throw new AppError("not_found", "Version not found: give its number or a tag");
  return exportVersion(db, ctx, params.datasetId, ref.data, query);
});
