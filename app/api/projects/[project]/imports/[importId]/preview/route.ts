import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { previewImport } from "@/lib/imports/service";

/** The first rows, and for CSV the header with a guessed column mapping. */
export const GET = projectRoute({ auth: "session", scope: "traces:write" }, (ctx, { params }) => previewImport(pool(), ctx, params.importId));
