import { projectRoute } from "@/lib/http/handler";
import { listRuns } from "@/lib/judge-runs/runs";
import { ZRunList, ZRunStart, ZRunStarted } from "@/lib/judge-runs/schemas";
import { startRun } from "@/lib/judge-runs/start";

export const GET = projectRoute({ auth: "apiKey", scope: "judges:read", answer: ZRunList }, (ctx, { params, db }) => listRuns(db, ctx, params.name));

/** Starts a run, or with dryRun answers its estimate (targets, tokens, cost) without starting. */
export const POST = projectRoute({ auth: "apiKey", scope: "judges:run", body: ZRunStart, answer: ZRunStarted }, (ctx, { params, body, db }) =>
  startRun(db, ctx, params.name, body),
);
