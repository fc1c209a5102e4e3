import { ZApiKeyCreate } from "@/lib/apikeys/schemas";
import { createApiKey, listApiKeys } from "@/lib/apikeys/service";
import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";

export const GET = projectRoute({ auth: "session", scope: "apikeys:manage" }, (ctx) => listApiKeys(db(), ctx));

export const POST = projectRoute({ auth: "session", scope: "apikeys:manage", body: ZApiKeyCreate, status: 201 }, (ctx, { body }) =>
  createApiKey(db(), ctx, body),
);
