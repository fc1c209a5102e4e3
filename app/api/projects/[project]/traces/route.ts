import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { listTraces } from "@/lib/traces/query";
import { ZTraceListQuery } from "@/lib/traces/schemas";

// The explorer's list for signed-in members, as JSON: the same filter and cursor as the page.
export const GET = projectRoute({ auth: "session", scope: "traces:read", query: ZTraceListQuery }, (ctx, { query }) => listTraces(db(), ctx, query));
