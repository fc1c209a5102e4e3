import { projectRoute } from "@/lib/http/handler";
import { queueProgress } from "@/lib/queues/progress";

export const GET = projectRoute({ auth: "session", scope: "queues:label" }, (ctx, { params, db }) => queueProgress(db, ctx, params.queueId));
