import { pool } from "../../../../../../lib/db/client";
import { projectRoute } from "../../../../../../lib/http/handler";
import { queueProgress } from "../../../../../../lib/queues/progress";

export const GET = projectRoute({ auth: "apiKey", scope: "queues:read" }, (ctx, { params }) => queueProgress(pool(), ctx, params.queueId));
