import { listAudit } from "@/lib/audit/reader";
import { ZAuditQuery } from "@/lib/audit/schemas";
import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";

/** The project's audit log for its admins, newest first: filters and `?cursor=<nextCursor>`. */
export const GET = projectRoute({ auth: "session", scope: "audit:read", query: ZAuditQuery }, (ctx, { query }) => listAudit(pool(), ctx, query));
