import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { labelsDownload } from "@/lib/exports/labels";
import { ZExportQuery } from "@/lib/queues/schemas";

/** Every label of a queue as CSV or JSONL, streamed: `?queue=<id>&format=csv|jsonl`. */
export const GET = projectRoute({ auth: "apiKey", scope: "exports:run", query: ZExportQuery }, (ctx, { query }) => labelsDownload(pool(), ctx, query));
