import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { ZRubricUpdate } from "@/lib/rubrics/schemas";
import { getRubric, updateRubric } from "@/lib/rubrics/service";

export const GET = projectRoute({ auth: "session", scope: "rubrics:read" }, (ctx, { params }) => getRubric(db(), ctx, params.rubricId));

/** Name, description, and archiving (no new queues; nothing is deleted). */
export const PATCH = projectRoute({ auth: "session", scope: "rubrics:manage", body: ZRubricUpdate }, (ctx, { body, params }) =>
  updateRubric(db(), ctx, params.rubricId, body),
);
