import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { startImport } from "@/lib/imports/service";
import { ZImportStart } from "@/lib/imports/schemas";

/** Ends the upload and queues the import (CSV with its column mapping). */
export const POST = projectRoute({ auth: "session", scope: "traces:write", body: ZImportStart, status: 202 }, (ctx, { params, body }) =>
  startImport(pool(), ctx, params.importId, body),
);
