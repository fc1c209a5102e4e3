import { diffVersions } from "@/lib/datasets/diff";
import { ZDatasetDiff, ZDiffQuery } from "@/lib/datasets/schemas";
import { projectRoute } from "@/lib/http/handler";

/** What changed between two versions, for members who read datasets. */
export const GET = projectRoute({ auth: "session", scope: "datasets:read", query: ZDiffQuery, answer: ZDatasetDiff }, (ctx, { params, query, db }) =>
  diffVersions(db, ctx, params.datasetId, query.from, query.to, query),
);
