import { projectRoute } from "@/lib/http/handler";
import { saveLabelDraft } from "@/lib/queues/labeling";
import { ZDraft } from "@/lib/queues/schemas";

/** Saves work in progress and renews the lease. */
export const PUT = projectRoute({ auth: "session", scope: "queues:label", body: ZDraft }, (ctx, { body, params, db }) =>
  saveLabelDraft(db, ctx, params.queueId, params.itemId, body),
);
