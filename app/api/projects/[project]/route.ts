import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { projectOverview } from "@/lib/projects/service";

export const GET = projectRoute({ auth: "session", scope: "project:read" }, async (ctx) => ({
  project: ctx.project,
  role: ctx.role,
  ...(await projectOverview(db(), ctx)),
}));
