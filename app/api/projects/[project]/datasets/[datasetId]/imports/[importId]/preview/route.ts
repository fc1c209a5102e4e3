import { projectRoute } from "@/lib/http/handler";
import { previewImport } from "@/lib/imports/service";

/** The first rows (for CSV with the header; the columns name the fields, so no mapping is guessed). */
export const GET = projectRoute({ auth: "session", scope: "datasets:write" }, (ctx, { params, db }) =>
  previewImport(db, ctx, params.importId, { datasetId: params.datasetId }),
);
