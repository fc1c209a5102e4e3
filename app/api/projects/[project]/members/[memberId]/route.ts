import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { ZMemberUpdate } from "@/lib/members/schemas";
import { updateMember } from "@/lib/members/service";

export const PATCH = projectRoute({ auth: "session", scope: "members:manage", body: ZMemberUpdate }, (ctx, { body, params }) =>
  updateMember(db(), ctx, params.memberId, body),
);
