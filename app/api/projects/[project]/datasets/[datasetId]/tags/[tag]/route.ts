import { ZTagMove, ZVersion } from "@/lib/datasets/schemas";
import { moveTag } from "@/lib/datasets/versions";
import { projectRoute } from "@/lib/http/handler";

export const PUT = projectRoute({ auth: "session", scope: "datasets:write", body: ZTagMove, answer: ZVersion }, (ctx, { params, body, db }) =>
  moveTag(db, ctx, params.datasetId, params.tag, body.version),
);
