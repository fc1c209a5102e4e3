import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { updateQueue } from "@/lib/queues/manage";
import { ZQueueUpdate } from "@/lib/queues/schemas";
import { ZQueueAnswer } from "@/lib/queues/answers";

export const PATCH = projectRoute({ auth: "apiKey", scope: "queues:manage", body: ZQueueUpdate, answer: ZQueueAnswer }, (ctx, { body, params }) =>
  updateQueue(db(), ctx, params.queueId, body),
);
