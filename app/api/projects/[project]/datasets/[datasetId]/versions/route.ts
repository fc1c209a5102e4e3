import { ZPublish, ZVersion, ZVersionList } from "@/lib/datasets/schemas";
import { listVersions, publishVersion } from "@/lib/datasets/versions";
import { projectRoute } from "@/lib/http/handler";

export const GET = projectRoute({ auth: "session", scope: "datasets:read", answer: ZVersionList }, (ctx, { params, db }) =>
  listVersions(db, ctx, params.datasetId),
);

export const POST = projectRoute({ auth: "session", scope: "datasets:write", body: ZPublish, answer: ZVersion, status: 201 }, (ctx, { params, body, db }) =>
  publishVersion(db, ctx, params.datasetId, body.note),
);
