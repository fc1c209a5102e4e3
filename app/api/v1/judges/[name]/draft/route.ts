import { projectRoute } from "@/lib/http/handler";
import { deleteDraft, getDraft, saveDraft } from "@/lib/judge-versions/draft";
import { ZDraftDeleted, ZDraftInput, ZJudgeVersion } from "@/lib/judge-versions/schemas";

export const GET = projectRoute({ auth: "apiKey", scope: "judges:read", answer: ZJudgeVersion }, (ctx, { params, db }) => getDraft(db, ctx, params.name));

/** Create or replace the judge's one draft, or start it as a copy of a published version. */
export const PUT = projectRoute({ auth: "apiKey", scope: "judges:manage", body: ZDraftInput, answer: ZJudgeVersion }, (ctx, { params, body, db }) =>
  saveDraft(db, ctx, params.name, body),
);

export const DELETE = projectRoute({ auth: "apiKey", scope: "judges:manage", answer: ZDraftDeleted }, (ctx, { params, db }) =>
  deleteDraft(db, ctx, params.name),
);
