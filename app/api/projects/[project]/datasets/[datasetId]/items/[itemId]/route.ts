import { itemHistory } from "@/lib/datasets/history";
import { reviseItem } from "@/lib/datasets/items";
import { ZItem, ZItemHistory, ZItemRevise } from "@/lib/datasets/schemas";
import { projectRoute } from "@/lib/http/handler";

/** The item with every revision it went through and who made each. */
export const GET = projectRoute({ auth: "session", scope: "datasets:read", answer: ZItemHistory }, (ctx, { params, db }) =>
  itemHistory(db, ctx, params.datasetId, params.itemId),
);

/** Change the item by appending a revision; `archived: true` archives it. */
export const PATCH = projectRoute({ auth: "session", scope: "datasets:write", body: ZItemRevise, answer: ZItem }, (ctx, { params, body, db }) =>
  reviseItem(db, ctx, params.datasetId, params.itemId, body),
);
