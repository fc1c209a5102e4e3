import { pool } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { reviseLabels } from "@/lib/queues/revise";
import { ZRevise } from "@/lib/queues/schemas";

/** Revises the caller's submitted labels: each change is a new revision, the old one kept. */
export const PATCH = projectRoute({ auth: "session", scope: "queues:label", body: ZRevise }, (ctx, { body, params }) =>
  reviseLabels(pool(), ctx, params.queueId, params.itemId, body),
);
