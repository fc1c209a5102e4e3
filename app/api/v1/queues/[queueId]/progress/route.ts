import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { queueProgress } from "@/lib/queues/progress";
import { ZProgressAnswer } from "@/lib/queues/answers";

export const GET = projectRoute({ auth: "apiKey", scope: "queues:read", answer: ZProgressAnswer }, (ctx, { params }) =>
  queueProgress(pool(), ctx, params.queueId),
);
