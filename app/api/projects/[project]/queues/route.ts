import { db, pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { createQueue } from "@/lib/queues/manage";
import { listQueues } from "@/lib/queues/progress";
import { ZQueueCreate } from "@/lib/queues/schemas";

/** "My queues": the queues the caller is assigned to (readers see all). */
export const GET = projectRoute({ auth: "session", scope: "queues:label" }, (ctx) => listQueues(pool(), ctx));

export const POST = projectRoute({ auth: "session", scope: "queues:manage", body: ZQueueCreate, status: 201 }, (ctx, { body }) => createQueue(db(), ctx, body));
