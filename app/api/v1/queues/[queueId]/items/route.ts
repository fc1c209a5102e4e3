import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { addItems } from "@/lib/queues/items";
import { ZItemsAdd } from "@/lib/queues/schemas";
import { ZItemsAddedAnswer } from "@/lib/queues/answers";

/** Adds up to 10,000 traces or pairs; answers how many were added and which were duplicates or unknown. */
export const POST = projectRoute(
  { auth: "apiKey", scope: "queues:manage", body: ZItemsAdd, maxBodyBytes: 2 * 1024 * 1024, answer: ZItemsAddedAnswer },
  (ctx, { body, params }) => addItems(db(), ctx, params.queueId, body),
);
