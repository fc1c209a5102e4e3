import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { removeMember } from "@/lib/queues/manage";

/** Unassigns a rater and releases their leases. */
export const DELETE = projectRoute({ auth: "session", scope: "queues:manage" }, (ctx, { params }) => removeMember(db(), ctx, params.queueId, params.userId));
