import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { ZCursorQuery } from "@/lib/queues/schemas";
import { listHistory } from "@/lib/queues/view";
import { ZHistoryAnswer } from "@/lib/queues/view-answers";

/** The caller's own items in this queue, newest first. */
export const GET = projectRoute({ auth: "session", scope: "queues:label", query: ZCursorQuery, answer: ZHistoryAnswer }, (ctx, { query, params }) =>
  listHistory(pool(), ctx, params.queueId, query),
);
