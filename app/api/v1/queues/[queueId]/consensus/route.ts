import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { ZConsensusAnswer, ZConsensusQuery } from "@/lib/reports/answers";
import { queueConsensus } from "@/lib/reports/consensus";

export const GET = projectRoute({ auth: "apiKey", scope: "reports:read", query: ZConsensusQuery, answer: ZConsensusAnswer }, (ctx, { params, query }) =>
  queueConsensus(pool(), ctx, params.queueId, query),
);
