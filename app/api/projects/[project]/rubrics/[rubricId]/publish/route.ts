import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { ZPublish } from "@/lib/rubrics/schemas";
import { publishDraft } from "@/lib/rubrics/service";

export const POST = projectRoute({ auth: "session", scope: "rubrics:manage", body: ZPublish }, (ctx, { body, params }) =>
  publishDraft(db(), ctx, params.rubricId, body),
);
