import { projectRoute } from "@/lib/http/handler";
import { startImport } from "@/lib/imports/service";
import { ZImportStart } from "@/lib/imports/schemas";

/** Ends the upload and queues the import (`duplicates`: skip, the default, or keep). */
export const POST = projectRoute({ auth: "session", scope: "datasets:write", body: ZImportStart, status: 202 }, (ctx, { params, body, db }) =>
  startImport(db, ctx, params.importId, body, { datasetId: params.datasetId }),
);
