import { projectRoute } from "@/lib/http/handler";
import { listMembers } from "@/lib/members/service";

export const GET = projectRoute({ auth: "session", scope: "members:read" }, (ctx, { db }) => listMembers(db, ctx));
