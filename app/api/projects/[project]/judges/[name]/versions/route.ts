import { projectRoute } from "@/lib/http/handler";
import { publishDraft } from "@/lib/judge-versions/draft";
import { ZJudgeVersion, ZJudgeVersionList, ZPublish } from "@/lib/judge-versions/schemas";
import { listVersions } from "@/lib/judge-versions/service";

export const GET = projectRoute({ auth: "session", scope: "judges:read", answer: ZJudgeVersionList }, (ctx, { params, db }) =>
  listVersions(db, ctx, params.name),
);

/** Publish the draft as the next version. */
export const POST = projectRoute({ auth: "session", scope: "judges:manage", body: ZPublish, answer: ZJudgeVersion, status: 201 }, (ctx, { params, body, db }) =>
  publishDraft(db, ctx, params.name, body),
);
