import { ZConnectionTestRequest, ZConnectionTestResult } from "@/lib/connections/schemas";
import { testConnection } from "@/lib/connections/test-call";
import { projectRoute } from "@/lib/http/handler";

/** One tiny request to the model: its answer, or the exact error, as 200 (the test itself ran). */
export const POST = projectRoute(
  { auth: "session", scope: "connections:manage", body: ZConnectionTestRequest, answer: ZConnectionTestResult },
  (ctx, { params, body, db }) => testConnection(db, ctx, params.connectionId, body),
);
