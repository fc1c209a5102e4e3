import { projectRoute } from "@/lib/http/handler";
import { ZProjectAnswer } from "@/lib/projects/schemas";

/** Who am I: the project an API key (or a session with ?project=) belongs to, and its permissions. */
export const GET = projectRoute({ auth: "apiKey", scope: "project:read", answer: ZProjectAnswer }, async (ctx) => ({
  project: ctx.project,
  scopes: [...ctx.scopes].sort(),
}));
