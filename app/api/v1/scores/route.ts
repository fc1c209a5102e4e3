import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { ZScoreBatch, ZScoreIn } from "@/lib/scores/schemas";
import { ingestScores } from "@/lib/scores/service";
import { LIMITS } from "@/lib/traces/limits";
import { ZBatchAnswer } from "@/lib/traces/answers";

/** Feedback and judgments on traces: 207 with one result per item. */
export const POST = projectRoute(
  {
    auth: "apiKey",
    scope: "scores:write",
    body: ZScoreBatch,
    items: ZScoreIn,
    maxBodyBytes: LIMITS.bodyBytes,
    answer: ZBatchAnswer,
    status: 207,
    compress: false,
  },
  (ctx, { body }) => ingestScores(db(), ctx, body.scores),
);
