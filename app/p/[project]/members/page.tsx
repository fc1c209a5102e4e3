import { InvitePanel } from "../../../../components/members/InvitePanel";
import { MembersTable } from "../../../../components/members/MembersTable";
import { Card } from "../../../../components/ui/Card";
import { Forbidden } from "../../../../components/ui/Forbidden";
import { can } from "../../../../lib/auth/scopes";
import { db } from "../../../../lib/db/client";
import { pageProject } from "../../../../lib/http/page-context";
import { listInvitations, listMembers, resettableMembers } from "../../../../lib/members/service";

export default async function MembersPage({ params }: { params: Promise<{ project: string }> }) {
  const ctx = await pageProject((await params).project);
  if (!can(ctx, "members:read")) return <Forbidden what="the member list" />;
  const manage = can(ctx, "members:manage");
  const [members, invitations, resettable] = await Promise.all([
    listMembers(db(), ctx),
    manage ? listInvitations(db(), ctx) : [],
    manage ? resettableMembers(db(), ctx) : new Set<string>(),
  ]);
  const selfId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
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
          members={members.map((m) => ({ id: m.id, role: m.role, deactivated: Boolean(m.deactivatedAt), name: m.user.name, email: m.user.email, isSelf: m.user.id === selfId, canReset: resettable.has(m.id) }))}
        />
      </Card>
    </>
  );
}
