import { addItems, listItems } from "@/lib/datasets/items";
import { ZItemList, ZItemsAdd, ZItemsAddAnswer, ZItemsQuery } from "@/lib/datasets/schemas";
import { projectRoute } from "@/lib/http/handler";

export const GET = projectRoute({ auth: "apiKey", scope: "datasets:read", query: ZItemsQuery, answer: ZItemList }, (ctx, { params, query, db }) =>
  listItems(db, ctx, params.datasetId, query),
);

export const POST = projectRoute(
  { auth: "apiKey", scope: "datasets:write", body: ZItemsAdd, maxBodyBytes: 16 * 1024 * 1024, answer: ZItemsAddAnswer, status: 207 },
  (ctx, { params, body, db }) => addItems(db, ctx, params.datasetId, body),
);
