import { revokeApiKey } from "@/lib/apikeys/service";
import { projectRoute } from "@/lib/http/handler";

export const DELETE = projectRoute({ auth: "session", scope: "apikeys:manage" }, (ctx, { params, db }) => revokeApiKey(db, ctx, params.keyId));
