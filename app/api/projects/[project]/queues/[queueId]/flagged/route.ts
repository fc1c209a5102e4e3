import { projectRoute } from "@/lib/http/handler";
import { listFlagged } from "@/lib/queues/progress";

export const GET = projectRoute({ auth: "session", scope: "queues:read" }, (ctx, { params, db }) => listFlagged(db, ctx, params.queueId));
