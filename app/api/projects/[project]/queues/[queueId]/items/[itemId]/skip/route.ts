import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { skipItem } from "@/lib/queues/labeling";
import { ZSkip } from "@/lib/queues/schemas";

/** Skips the item: others may take it, the caller never gets it again. */
export const POST = projectRoute({ auth: "session", scope: "queues:label", body: ZSkip }, (ctx, { body, params }) =>
  skipItem(pool(), ctx, params.queueId, params.itemId, body),
);
