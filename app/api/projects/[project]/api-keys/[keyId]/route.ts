import { revokeApiKey } from "@/lib/apikeys/service";
import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";

export const DELETE = projectRoute({ auth: "session", scope: "apikeys:manage" }, (ctx, { params }) => revokeApiKey(db(), ctx, params.keyId));
