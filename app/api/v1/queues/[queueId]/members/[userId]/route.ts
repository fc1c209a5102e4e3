import { db } from "../../../../../../../lib/db/client";
import { projectRoute } from "../../../../../../../lib/http/handler";
import { removeMember } from "../../../../../../../lib/queues/manage";

export const DELETE = projectRoute({ auth: "apiKey", scope: "queues:manage" }, (ctx, { params }) => removeMember(db(), ctx, params.queueId, params.userId));
