import { listAudit } from "@/lib/audit/reader";
import { ZAuditQuery } from "@/lib/audit/schemas";
import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { ZAuditAnswer } from "@/lib/audit/answers";

/** The key's project's audit log (ADMIN keys), newest first: filters and `?cursor=<nextCursor>`. */
export const GET = projectRoute({ auth: "apiKey", scope: "audit:read", query: ZAuditQuery, answer: ZAuditAnswer }, (ctx, { query }) =>
  listAudit(pool(), ctx, query),
);
