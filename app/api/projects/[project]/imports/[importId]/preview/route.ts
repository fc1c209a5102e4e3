import { projectRoute } from "@/lib/http/handler";
import { previewImport } from "@/lib/imports/service";

/** The first rows, and for CSV the header with a guessed column mapping. */
export const GET = projectRoute({ auth: "session", scope: "traces:write" }, (ctx, { params, db }) => previewImport(db, ctx, params.importId));
