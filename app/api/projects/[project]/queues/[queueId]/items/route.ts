import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { addItems } from "@/lib/queues/items";
import { ZItemsAdd } from "@/lib/queues/schemas";

/** Adds traces (or pairs) to the queue; duplicates and unknown traces are reported, not added. */
export const POST = projectRoute({ auth: "session", scope: "queues:manage", body: ZItemsAdd, maxBodyBytes: 2 * 1024 * 1024 }, (ctx, { body, params }) =>
  addItems(db(), ctx, params.queueId, body),
);
