import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { revokeInvitation } from "@/lib/members/service";

export const DELETE = projectRoute({ auth: "session", scope: "members:manage" }, (ctx, { params }) => revokeInvitation(db(), ctx, params.invitationId));
