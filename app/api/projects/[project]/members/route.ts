import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { listMembers } from "@/lib/members/service";

export const GET = projectRoute({ auth: "session", scope: "members:read" }, (ctx) => listMembers(db(), ctx));
