import { projectRoute } from "../../../../lib/http/handler";

/** Who am I: the project an API key (or a session with ?project=) belongs to, and its permissions. */
export const GET = projectRoute({ auth: "apiKey", scope: "project:read" }, async (ctx) => ({
  project: ctx.project,
  scopes: [...ctx.scopes].sort(),
}));
