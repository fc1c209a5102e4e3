import { addItems, listItems } from "@/lib/datasets/items";
import { ZItemList, ZItemsAdd, ZItemsAddAnswer, ZItemsQuery } from "@/lib/datasets/schemas";
import { projectRoute } from "@/lib/http/handler";

export const GET = projectRoute({ auth: "session", scope: "datasets:read", query: ZItemsQuery, answer: ZItemList }, (ctx, { params, query, db }) =>
  listItems(db, ctx, params.datasetId, query),
);

/** Items a member writes by hand: their lineage says so. */
export const POST = projectRoute(
  { auth: "session", scope: "datasets:write", body: ZItemsAdd, answer: ZItemsAddAnswer, status: 207 },
  (ctx, { params, body, db }) => addItems(db, ctx, params.datasetId, body, "hand"),
);
