import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { reorderQueue } from "@/lib/queues/items";
import { ZOrderingUpdate } from "@/lib/queues/schemas";
import { ZReorderedAnswer } from "@/lib/queues/answers";

export const POST = projectRoute({ auth: "apiKey", scope: "queues:manage", body: ZOrderingUpdate, answer: ZReorderedAnswer }, (ctx, { body, params }) =>
  reorderQueue(db(), ctx, params.queueId, body),
);
