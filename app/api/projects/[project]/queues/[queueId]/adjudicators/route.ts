import { projectRoute } from "@/lib/http/handler";
import { listAdjudicators } from "@/lib/queues/adjudicators";
import { ZAdjudicatorsAnswer } from "@/lib/queues/answers";

/** The experts named adjudicators of the queue (admins and engineers adjudicate by role). */
export const GET = projectRoute({ auth: "session", scope: "queues:read", answer: ZAdjudicatorsAnswer }, (ctx, { params, db }) =>
  listAdjudicators(db, ctx, params.queueId),
);
