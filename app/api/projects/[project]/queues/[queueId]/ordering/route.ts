import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { reorderQueue } from "@/lib/queues/items";
import { ZOrderingUpdate } from "@/lib/queues/schemas";

/** Sets or recomputes the order items are handed out in. */
export const POST = projectRoute({ auth: "session", scope: "queues:manage", body: ZOrderingUpdate }, (ctx, { body, params }) =>
  reorderQueue(db(), ctx, params.queueId, body),
);
