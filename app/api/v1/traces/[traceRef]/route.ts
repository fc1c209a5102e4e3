import { db } from "../../../../../lib/db/client";
import { projectRoute } from "../../../../../lib/http/handler";
import { ZDeleteReason } from "../../../../../lib/traces/schemas";
import { deleteTrace, getTrace } from "../../../../../lib/traces/service";

// `traceRef` is the client's external id (any string), not one of our UUIDs.

export const GET = projectRoute({ auth: "apiKey", scope: "traces:read" }, (ctx, { params }) => getTrace(db(), ctx, params.traceRef));

export const DELETE = projectRoute({ auth: "apiKey", scope: "traces:delete", query: ZDeleteReason }, (ctx, { params, query }) =>
  deleteTrace(db(), ctx, params.traceRef, query),
);
