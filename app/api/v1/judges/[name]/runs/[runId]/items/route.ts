import { projectRoute } from "@/lib/http/handler";
import { listRunItems } from "@/lib/judge-runs/runs";
import { ZRunItems, ZRunItemsQuery } from "@/lib/judge-runs/schemas";

/** A run's items, a page at a time: `?status=ERROR` lists its errors. */
export const GET = projectRoute({ auth: "apiKey", scope: "judges:read", query: ZRunItemsQuery, answer: ZRunItems }, (ctx, { params, query, db }) =>
  listRunItems(db, ctx, params.name, params.runId, query),
);
