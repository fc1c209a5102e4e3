import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { listFlagged } from "@/lib/queues/progress";

export const GET = projectRoute({ auth: "session", scope: "queues:read" }, (ctx, { params }) => listFlagged(pool(), ctx, params.queueId));
