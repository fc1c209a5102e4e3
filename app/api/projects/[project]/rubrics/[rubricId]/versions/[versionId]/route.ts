import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { getVersion } from "@/lib/rubrics/service";

export const GET = projectRoute({ auth: "session", scope: "rubrics:read" }, (ctx, { params }) => getVersion(db(), ctx, params.rubricId, params.versionId));
