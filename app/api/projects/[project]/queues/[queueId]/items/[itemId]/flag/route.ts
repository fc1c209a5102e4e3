import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { flagItem } from "@/lib/queues/labeling";
import { ZFlag } from "@/lib/queues/schemas";

export const POST = projectRoute({ auth: "session", scope: "queues:label", body: ZFlag }, (ctx, { body, params }) =>
  flagItem(pool(), ctx, params.queueId, params.itemId, body),
);
