import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { ZDeleteReason } from "@/lib/traces/schemas";
import { deleteTrace, getTrace } from "@/lib/traces/service";
import { ZDeletedAnswer, ZTraceAnswer } from "@/lib/traces/answers";

// `traceRef` is the client's external id (any string), not one of our UUIDs.

export const GET = projectRoute({ auth: "apiKey", scope: "traces:read", answer: ZTraceAnswer }, (ctx, { params }) => getTrace(db(), ctx, params.traceRef));

export const DELETE = projectRoute({ auth: "apiKey", scope: "traces:delete", query: ZDeleteReason, answer: ZDeletedAnswer }, (ctx, { params, query }) =>
  deleteTrace(db(), ctx, params.traceRef, query),
);
