import { projectRoute } from "@/lib/http/handler";
import { ZJudge, ZJudgeCreate, ZJudgeList } from "@/lib/judge-versions/schemas";
import { createJudge, listJudges } from "@/lib/judge-versions/service";

export const GET = projectRoute({ auth: "session", scope: "judges:read", answer: ZJudgeList }, (ctx, { db }) => listJudges(db, ctx));

export const POST = projectRoute({ auth: "session", scope: "judges:manage", body: ZJudgeCreate, answer: ZJudge, status: 201 }, (ctx, { body, db }) =>
  createJudge(db, ctx, body),
);
