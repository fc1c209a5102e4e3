import { projectRoute } from "@/lib/http/handler";
import { queueWithRubric, updateQueue } from "@/lib/queues/manage";
import { ZQueueUpdate } from "@/lib/queues/schemas";
import { ZQueueAnswer, ZQueueDetailAnswer } from "@/lib/queues/answers";

/** The queue with its rubric version's criteria, as a rubric file. */
export const GET = projectRoute({ auth: "apiKey", scope: "queues:read", answer: ZQueueDetailAnswer }, (ctx, { params, db }) =>
  queueWithRubric(db, ctx, params.queueId),
);

export const PATCH = projectRoute({ auth: "apiKey", scope: "queues:manage", body: ZQueueUpdate, answer: ZQueueAnswer }, (ctx, { body, params, db }) =>
  updateQueue(db, ctx, params.queueId, body),
);
