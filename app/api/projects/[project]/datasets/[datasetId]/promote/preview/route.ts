import { previewPromotion } from "@/lib/datasets/promote";
import { ZPromotionPreview, ZPromotionPreviewRequest } from "@/lib/datasets/promote-schemas";
import { projectRoute } from "@/lib/http/handler";

// What a promotion rule selects and what the agreement gate says; nothing is added.
export const POST = projectRoute(
  { auth: "session", scope: "datasets:write", body: ZPromotionPreviewRequest, answer: ZPromotionPreview },
  (ctx, { params, body, db }) => previewPromotion(db, ctx, params.datasetId, body.rule, body.sample),
);
