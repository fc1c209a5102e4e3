import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { ZRetentionUpdate } from "@/lib/traces/schemas";
import { setRetention } from "@/lib/traces/service";

/** Project admins set how long traces are kept; a daily job deletes older ones. */
export const PUT = projectRoute({ auth: "session", scope: "settings:manage", body: ZRetentionUpdate }, (ctx, { body }) => setRetention(db(), ctx, body));
