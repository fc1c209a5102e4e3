import { projectRoute } from "@/lib/http/handler";
import { getRun } from "@/lib/judge-runs/runs";
import { ZRun } from "@/lib/judge-runs/schemas";

export const GET = projectRoute({ auth: "session", scope: "judges:read", answer: ZRun }, (ctx, { params, db }) => getRun(db, ctx, params.name, params.runId));
