import { ZGold } from "@/lib/gold/answers";
import { ZAdjudicate } from "@/lib/gold/schemas";
import { adjudicate } from "@/lib/gold/service";
import { projectRoute } from "@/lib/http/handler";

/** Settles one item's criterion; settling it again appends a revision. */
export const POST = projectRoute(
  { auth: "session", scope: "queues:adjudicate", adjudicatorOf: "queueId", body: ZAdjudicate, answer: ZGold, status: 201 },
  (ctx, { body, params, db }) => adjudicate(db, ctx, params.queueId, body),
);
