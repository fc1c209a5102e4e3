import { projectRoute } from "@/lib/http/handler";
import { addAdjudicator, removeAdjudicator } from "@/lib/queues/adjudicators";
import { ZAdjudicatorAddedAnswer, ZAdjudicatorRemovedAnswer } from "@/lib/queues/answers";

/** An admin names an expert adjudicator of this queue, or takes it back. */
export const PUT = projectRoute({ auth: "session", scope: "members:manage", answer: ZAdjudicatorAddedAnswer }, (ctx, { params, db }) =>
  addAdjudicator(db, ctx, params.queueId, params.userId),
);

export const DELETE = projectRoute({ auth: "session", scope: "members:manage", answer: ZAdjudicatorRemovedAnswer }, (ctx, { params, db }) =>
  removeAdjudicator(db, ctx, params.queueId, params.userId),
);
