import { projectRoute } from "@/lib/http/handler";
import { ZDisagreementsAnswer, ZDisagreementsQuery } from "@/lib/reports/answers";
import { listDisagreements } from "@/lib/reports/disagreements";

/** Items by disagreement on one criterion, most disputed first, with the labels side by side; paged. */
export const GET = projectRoute(
  { auth: "session", scope: "reports:read", adjudicatorOf: "queueId", query: ZDisagreementsQuery, answer: ZDisagreementsAnswer },
  (ctx, { params, query, db }) => listDisagreements(db, ctx, params.queueId, query),
);
