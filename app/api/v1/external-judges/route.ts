import { projectRoute } from "@/lib/http/handler";
import { ZExternalJudges } from "@/lib/judge-report/schemas";
import { listExternalJudges } from "@/lib/judge-report/external";

/** Raters of LLM_JUDGE and CODE scores with a rubric reference, each reportable as `external:<name>`. */
export const GET = projectRoute({ auth: "apiKey", scope: "judges:read", answer: ZExternalJudges }, (ctx, { db }) => listExternalJudges(db, ctx));
