import { db, pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { createQueue } from "@/lib/queues/manage";
import { listQueues } from "@/lib/queues/progress";
import { ZQueueCreate } from "@/lib/queues/schemas";
import { ZQueueCreatedAnswer, ZQueueListAnswer } from "@/lib/queues/answers";

export const GET = projectRoute({ auth: "apiKey", scope: "queues:read", answer: ZQueueListAnswer }, (ctx) => listQueues(pool(), ctx));

/** Creates a queue on a published rubric version, with its assigned raters. */
export const POST = projectRoute({ auth: "apiKey", scope: "queues:manage", body: ZQueueCreate, answer: ZQueueCreatedAnswer, status: 201 }, (ctx, { body }) =>
  createQueue(db(), ctx, body),
);
