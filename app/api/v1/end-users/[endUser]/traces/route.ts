import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { ZDeleteReason } from "@/lib/traces/schemas";
import { deleteEndUserTraces } from "@/lib/traces/service";
import { ZDeletedAnswer } from "@/lib/traces/answers";

/** A data-subject request: deletes every trace whose `userId` is this end user. */
export const DELETE = projectRoute({ auth: "apiKey", scope: "traces:delete", query: ZDeleteReason, answer: ZDeletedAnswer }, (ctx, { params, query }) =>
  deleteEndUserTraces(db(), ctx, params.endUser, query),
);
