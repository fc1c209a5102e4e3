import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { saveDraft } from "@/lib/queues/labeling";
import { ZDraft } from "@/lib/queues/schemas";

/** Saves work in progress and renews the lease. */
export const PUT = projectRoute({ auth: "session", scope: "queues:label", body: ZDraft }, (ctx, { body, params }) =>
  saveDraft(pool(), ctx, params.queueId, params.itemId, body),
);
