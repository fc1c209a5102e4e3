import { projectRoute } from "@/lib/http/handler";
import { cancelRun } from "@/lib/judge-runs/runs";
import { ZRun } from "@/lib/judge-runs/schemas";

/** Workers claim nothing more; calls already in flight finish and may still be stored. */
export const POST = projectRoute({ auth: "apiKey", scope: "judges:run", answer: ZRun }, (ctx, { params, db }) => cancelRun(db, ctx, params.name, params.runId));
