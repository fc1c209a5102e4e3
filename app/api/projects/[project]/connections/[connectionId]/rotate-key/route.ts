import { ZConnection, ZRotateKey } from "@/lib/connections/schemas";
import { rotateConnectionKey } from "@/lib/connections/service";
import { projectRoute } from "@/lib/http/handler";

/** Replace the connection's API key (or remove it with null); the old one is gone at once. */
export const POST = projectRoute({ auth: "session", scope: "connections:manage", body: ZRotateKey, answer: ZConnection }, (ctx, { params, body, db }) =>
  rotateConnectionKey(db, ctx, params.connectionId, body),
);
