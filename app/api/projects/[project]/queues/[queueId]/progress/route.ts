import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { queueProgress } from "@/lib/queues/progress";

export const GET = projectRoute({ auth: "session", scope: "queues:label" }, (ctx, { params }) => queueProgress(pool(), ctx, params.queueId));
