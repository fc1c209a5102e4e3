import { projectRoute } from "@/lib/http/handler";
import { agreementReport } from "@/lib/reports/agreement";
import { ZAgreementQuery, ZAgreementReport } from "@/lib/reports/answers";

export const GET = projectRoute({ auth: "apiKey", scope: "reports:read", query: ZAgreementQuery, answer: ZAgreementReport }, (ctx, { params, query, db }) =>
  agreementReport(db, ctx, params.queueId, query),
);
