import { db } from "../../../../../lib/db/client";
import { projectRoute } from "../../../../../lib/http/handler";
import { updateQueue } from "../../../../../lib/queues/manage";
import { ZQueueUpdate } from "../../../../../lib/queues/schemas";

export const PATCH = projectRoute({ auth: "apiKey", scope: "queues:manage", body: ZQueueUpdate }, (ctx, { body, params }) =>
  updateQueue(db(), ctx, params.queueId, body),
);
