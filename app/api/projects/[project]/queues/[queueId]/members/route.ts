import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { addMembers } from "@/lib/queues/manage";
import { ZMembersAdd } from "@/lib/queues/schemas";

export const POST = projectRoute({ auth: "session", scope: "queues:manage", body: ZMembersAdd }, (ctx, { body, params }) =>
  addMembers(db(), ctx, params.queueId, body),
);
