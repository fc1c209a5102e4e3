import { projectRoute } from "@/lib/http/handler";
import { agreementReport } from "@/lib/reports/agreement";
import { ZAgreementQuery, ZAgreementReport } from "@/lib/reports/answers";

/** The agreement report for report readers and the queue's adjudicators. */
export const GET = projectRoute(
  { auth: "session", scope: "reports:read", adjudicatorOf: "queueId", query: ZAgreementQuery, answer: ZAgreementReport },
  (ctx, { params, query, db }) => agreementReport(db, ctx, params.queueId, query),
);
