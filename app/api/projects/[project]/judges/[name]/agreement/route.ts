import { projectRoute } from "@/lib/http/handler";
import { ZAgreementQuery, ZJudgeAgreement } from "@/lib/judge-report/schemas";
import { judgeAgreement } from "@/lib/judge-report/service";
import { judgeNameParam } from "@/lib/judge-report/subject";

/** A judge version (or `external:<name>`) held against people on its criterion. */
export const GET = projectRoute({ auth: "session", scope: "judges:read", query: ZAgreementQuery, answer: ZJudgeAgreement }, (ctx, { params, query, db }) =>
  judgeAgreement(db, ctx, judgeNameParam(params.name), query),
);
