import { projectPage } from "@/components/layout/projectPage";
import { InvitePanel } from "@/components/members/InvitePanel";
import { MembersTable } from "@/components/members/MembersTable";
import { Card } from "@/components/ui/Card";
import { db } from "@/lib/db/client";
import { listInvitations, listMembers, resettableMembers } from "@/lib/members/service";

export default projectPage(async (ctx) => {
  ctx.require("members:read", "the member list");
  const manage = ctx.can("members:manage");
  const [members, invitations, resettable] = await Promise.all([
    listMembers(db(), ctx),
    manage ? listInvitations(db(), ctx) : [],
    manage ? resettableMembers(db(), ctx) : new Set<string>(),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Members</h1>
      {manage ? (
        <Card title="Invite someone">
          <InvitePanel project={ctx.project.slug} pending={invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString() }))} />
        </Card>
      ) : null}
      <Card title={`${members.length} members`}>
        <MembersTable
          project={ctx.project.slug}
          canManage={manage}
          members={members.map((m) => ({
            id: m.id,
            role: m.role,
            deactivated: Boolean(m.deactivatedAt),
            name: m.user.name,
            email: m.user.email,
            isSelf: m.user.id === ctx.actor.userId,
            canReset: resettable.has(m.id),
          }))}
        />
      </Card>
    </>
  );
});
