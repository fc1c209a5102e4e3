import { db, pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { ingestTraceBatch } from "@/lib/traces/ingest";
import { LIMITS } from "@/lib/traces/limits";
import { ZTraceBatch, ZTraceIn, ZTraceListQuery } from "@/lib/traces/schemas";
import { listTracesForApi } from "@/lib/traces/query";
import { ZBatchAnswer, ZTraceListAnswer } from "@/lib/traces/answers";

/** A batch of traces: 207 with one result per item. */
export const POST = projectRoute(
  {
    auth: "apiKey",
    scope: "traces:write",
    body: ZTraceBatch,
    items: ZTraceIn,
    maxBodyBytes: LIMITS.bodyBytes,
    answer: ZBatchAnswer,
    status: 207,
    compress: false,
  },
  (ctx, { body }) => ingestTraceBatch(pool(), ctx, body.traces),
);

/** Newest first, filtered, keyset-paged. */
export const GET = projectRoute({ auth: "apiKey", scope: "traces:read", query: ZTraceListQuery, answer: ZTraceListAnswer }, (ctx, { query }) =>
  listTracesForApi(db(), ctx, query),
);
