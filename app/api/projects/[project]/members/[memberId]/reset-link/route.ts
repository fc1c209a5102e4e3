import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { createMemberResetLink } from "@/lib/members/service";
import { resetUrl } from "@/lib/http/links";

export const POST = projectRoute({ auth: "session", scope: "members:manage", status: 201 }, async (ctx, { params }) => {
  const reset = await createMemberResetLink(db(), ctx, params.memberId);
  return { url: resetUrl(reset.token), expiresAt: reset.expiresAt };
});
