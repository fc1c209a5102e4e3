import { reviseItem } from "@/lib/datasets/items";
import { ZItem, ZItemRevise } from "@/lib/datasets/schemas";
import { projectRoute } from "@/lib/http/handler";

export const PATCH = projectRoute({ auth: "apiKey", scope: "datasets:write", body: ZItemRevise, answer: ZItem }, (ctx, { params, body, db }) =>
  reviseItem(db, ctx, params.datasetId, params.itemId, body),
);
