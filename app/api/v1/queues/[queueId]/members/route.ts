import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { addMembers } from "@/lib/queues/manage";
import { ZMembersAdd } from "@/lib/queues/schemas";
import { ZMembersAddedAnswer } from "@/lib/queues/answers";

export const POST = projectRoute({ auth: "apiKey", scope: "queues:manage", body: ZMembersAdd, answer: ZMembersAddedAnswer }, (ctx, { body, params }) =>
  addMembers(db(), ctx, params.queueId, body),
);
