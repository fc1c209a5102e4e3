import { projectRoute } from "@/lib/http/handler";
import { getImport } from "@/lib/imports/service";

/** Status, counts, progress and the rejected rows (the first 1,000). */
export const GET = projectRoute({ auth: "session", scope: "datasets:write" }, (ctx, { params, db }) =>
  getImport(db, ctx, params.importId, { datasetId: params.datasetId }),
);
