import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { ZSubmit } from "@/lib/queues/schemas";
import { submitLabels } from "@/lib/queues/submit";

/** Submits the rater's labels; 409 overlap_reached (draft kept) when the item already has its N labels. */
export const POST = projectRoute({ auth: "session", scope: "queues:label", body: ZSubmit }, (ctx, { body, params }) =>
  submitLabels(pool(), ctx, params.queueId, params.itemId, body),
);
