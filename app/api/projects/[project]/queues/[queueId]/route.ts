import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { updateQueue } from "@/lib/queues/manage";
import { ZQueueUpdate } from "@/lib/queues/schemas";

/** Rename, pause, archive, switch blind mode or change the overlap (raising adds slots, lowering closes surplus ones). */
export const PATCH = projectRoute({ auth: "session", scope: "queues:manage", body: ZQueueUpdate }, (ctx, { body, params }) =>
  updateQueue(db(), ctx, params.queueId, body),
);
