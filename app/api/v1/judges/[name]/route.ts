import { projectRoute } from "@/lib/http/handler";
import { ZJudge, ZJudgeUpdate } from "@/lib/judge-versions/schemas";
import { getJudge, updateJudge } from "@/lib/judge-versions/service";

export const GET = projectRoute({ auth: "apiKey", scope: "judges:read", answer: ZJudge }, (ctx, { params, db }) => getJudge(db, ctx, params.name));

/** Change the description, archive the judge or bring it back. */
export const PATCH = projectRoute({ auth: "apiKey", scope: "judges:manage", body: ZJudgeUpdate, answer: ZJudge }, (ctx, { params, body, db }) =>
  updateJudge(db, ctx, params.name, body),
);
