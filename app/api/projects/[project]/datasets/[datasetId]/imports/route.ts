import { projectRoute } from "@/lib/http/handler";
import { createImport, listProjectImports } from "@/lib/imports/service";
import { ZImportCreate } from "@/lib/imports/schemas";

// File imports of a dataset's items (Assay JSONL or CSV), the same steps as a trace import.
export const GET = projectRoute({ auth: "session", scope: "datasets:write" }, (ctx, { params, db }) =>
  listProjectImports(db, ctx, { datasetId: params.datasetId }),
);

/** Announces a file; its bytes follow in pieces to ./{importId}/chunks. */
export const POST = projectRoute({ auth: "session", scope: "datasets:write", body: ZImportCreate, status: 201 }, (ctx, { params, body, db }) =>
  createImport(db, ctx, body, { datasetId: params.datasetId }),
);
