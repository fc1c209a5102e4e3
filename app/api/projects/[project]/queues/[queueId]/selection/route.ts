import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { ZQueueSelection } from "@/lib/traces/schemas";
import { addTracesToQueue } from "@/lib/traces/selection";

// Adds an explorer selection to a queue: trace ids, or everything matching a filter now.
export const POST = projectRoute({ auth: "session", scope: "queues:manage", body: ZQueueSelection }, (ctx, { body, params }) =>
  addTracesToQueue(db(), ctx, params.queueId, body),
);
