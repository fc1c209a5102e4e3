import { projectRoute } from "@/lib/http/handler";
import { ZJudgeVersion } from "@/lib/judge-versions/schemas";
import { getVersion } from "@/lib/judge-versions/service";

/** A published version by number, or `latest`. */
export const GET = projectRoute({ auth: "apiKey", scope: "judges:read", answer: ZJudgeVersion }, (ctx, { params, db }) =>
  getVersion(db, ctx, params.name, params.number),
);
