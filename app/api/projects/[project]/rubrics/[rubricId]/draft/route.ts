import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { ZRubricContent } from "@/lib/rubrics/schemas";
import { discardDraft, getDraft, saveDraft, startDraft } from "@/lib/rubrics/service";

export const GET = projectRoute({ auth: "session", scope: "rubrics:read" }, (ctx, { params }) => getDraft(db(), ctx, params.rubricId));

/** Starts the next draft as a copy of the latest published version (or returns the open one). */
export const POST = projectRoute({ auth: "session", scope: "rubrics:manage", status: 201 }, (ctx, { params }) => startDraft(db(), ctx, params.rubricId));

export const PUT = projectRoute({ auth: "session", scope: "rubrics:manage", body: ZRubricContent }, (ctx, { body, params }) =>
  saveDraft(db(), ctx, params.rubricId, body),
);

export const DELETE = projectRoute({ auth: "session", scope: "rubrics:manage" }, (ctx, { params }) => discardDraft(db(), ctx, params.rubricId));
