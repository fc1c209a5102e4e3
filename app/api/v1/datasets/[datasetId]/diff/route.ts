import { diffVersions } from "@/lib/datasets/diff";
import { ZDatasetDiff, ZDiffQuery } from "@/lib/datasets/schemas";
import { projectRoute } from "@/lib/http/handler";

export const GET = projectRoute({ auth: "apiKey", scope: "datasets:read", query: ZDiffQuery, answer: ZDatasetDiff }, (ctx, { params, query, db }) =>
  diffVersions(db, ctx, params.datasetId, query.from, query.to, query),
);
