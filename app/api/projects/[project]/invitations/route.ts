import { db } from "@/lib/db/client";
import { projectRoute } from "@/lib/http/handler";
import { invitationUrl } from "@/lib/http/links";
import { ZInvitationCreate } from "@/lib/members/schemas";
import { createInvitation, listInvitations } from "@/lib/members/service";

export const GET = projectRoute({ auth: "session", scope: "members:manage" }, (ctx) => listInvitations(db(), ctx));

export const POST = projectRoute({ auth: "session", scope: "members:manage", body: ZInvitationCreate, status: 201 }, async (ctx, { body }) => {
  const { token, ...invitation } = await createInvitation(db(), ctx, body);
  return { ...invitation, url: invitationUrl(token) };
});
