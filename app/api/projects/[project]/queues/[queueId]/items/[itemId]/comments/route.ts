import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { addComment } from "@/lib/queues/comments";
import { ZCommentCreate } from "@/lib/queues/schemas";
import { ZCommentAnswer } from "@/lib/queues/view-answers";

export const POST = projectRoute(
  { auth: "session", scope: "queues:label", body: ZCommentCreate, answer: ZCommentAnswer, status: 201 },
  (ctx, { body, params }) => addComment(pool(), ctx, params.queueId, params.itemId, body),
);
