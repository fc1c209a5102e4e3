import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { removeMember } from "@/lib/queues/manage";
import { ZMemberRemovedAnswer } from "@/lib/queues/answers";

export const DELETE = projectRoute({ auth: "apiKey", scope: "queues:manage", answer: ZMemberRemovedAnswer }, (ctx, { params }) =>
  removeMember(db(), ctx, params.queueId, params.userId),
);
