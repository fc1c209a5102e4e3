import { z } from "zod";
import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { labelsDownload } from "@/lib/exports/labels";

const ZQuery = z.object({ format: z.enum(["csv", "jsonl"]).default("csv"), current: z.enum(["true", "false"]).optional() });

/** The queue's labels as a CSV or JSONL download. */
export const GET = projectRoute({ auth: "session", scope: "exports:run", query: ZQuery }, (ctx, { query, params }) =>
  labelsDownload(pool(), ctx, { ...query, queue: params.queueId }),
);
