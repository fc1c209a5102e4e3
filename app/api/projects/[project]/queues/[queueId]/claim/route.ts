import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { claimNext } from "@/lib/queues/claim";
import { ZClaim } from "@/lib/queues/schemas";
import { ZClaimAnswer } from "@/lib/queues/view-answers";

/** The next item for the signed-in rater: a lease they hold, or a new one. `item: null` when nothing is left for them. */
export const POST = projectRoute({ auth: "session", scope: "queues:label", body: ZClaim, answer: ZClaimAnswer }, async (ctx, { body, params }) => ({
  item: await claimNext(pool(), ctx, params.queueId, body),
}));
