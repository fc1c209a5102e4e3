import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { ZDiffQuery } from "@/lib/rubrics/schemas";
import { diffRubricVersions } from "@/lib/rubrics/service";

export const GET = projectRoute({ auth: "session", scope: "rubrics:read", query: ZDiffQuery }, (ctx, { query, params }) =>
  diffRubricVersions(db(), ctx, params.rubricId, query.from, query.to),
);
