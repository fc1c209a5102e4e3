import { ZReferenceGoldAnswer } from "@/lib/gold/answers";
import { ZReferenceGold } from "@/lib/gold/schemas";
import { addReferenceGold } from "@/lib/gold/service";
import { projectRoute } from "@/lib/http/handler";

export const POST = projectRoute(
  { auth: "apiKey", scope: "queues:manage", body: ZReferenceGold, answer: ZReferenceGoldAnswer, status: 201 },
  (ctx, { body, params, db }) => addReferenceGold(db, ctx, params.queueId, body),
);
