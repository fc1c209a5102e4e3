import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { getImport } from "@/lib/imports/service";

/** Status, counts, progress and the rejected rows (the first 1,000). */
export const GET = projectRoute({ auth: "session", scope: "traces:write" }, (ctx, { params }) => getImport(pool(), ctx, params.importId));
