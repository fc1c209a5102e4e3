import { projectRoute } from "@/lib/http/handler";
import { ZConsensusAnswer, ZConsensusQuery } from "@/lib/reports/answers";
import { queueConsensus } from "@/lib/reports/consensus";

export const GET = projectRoute({ auth: "apiKey", scope: "reports:read", query: ZConsensusQuery, answer: ZConsensusAnswer }, (ctx, { params, query, db }) =>
  queueConsensus(db, ctx, params.queueId, query),
);
