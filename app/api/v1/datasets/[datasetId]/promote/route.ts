import { applyPromotion } from "@/lib/datasets/promote";
import { ZPromotionApply, ZPromotionResult } from "@/lib/datasets/promote-schemas";
import { projectRoute } from "@/lib/http/handler";

// Adds what a promotion rule selects from a queue, behind the agreement gate.
export const POST = projectRoute({ auth: "apiKey", scope: "datasets:write", body: ZPromotionApply, answer: ZPromotionResult }, (ctx, { params, body, db }) =>
  applyPromotion(db, ctx, params.datasetId, body),
);
