import { projectRoute } from "@/lib/http/handler";
import { ZConsensusAnswer, ZConsensusQuery } from "@/lib/reports/answers";
import { queueConsensus } from "@/lib/reports/consensus";

/** The label of each completed item and how it was reached, for report readers and the queue's adjudicators. */
export const GET = projectRoute(
  { auth: "session", scope: "reports:read", adjudicatorOf: "queueId", query: ZConsensusQuery, answer: ZConsensusAnswer },
  (ctx, { params, query, db }) => queueConsensus(db, ctx, params.queueId, query),
);
