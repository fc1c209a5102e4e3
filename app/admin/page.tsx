import { ProjectsAdmin } from "@/components/admin/ProjectsAdmin";
import { RemoveDemoButton } from "@/components/admin/RemoveDemoButton";
import { UsersAdmin } from "@/components/admin/UsersAdmin";
import { AppHeader } from "@/components/layout/AppHeader";
import { Card } from "@/components/ui/Card";
import { Forbidden } from "@/components/ui/Forbidden";
import { db } from "@/lib/db/client";
import { pageUser } from "@/lib/http/page-context";
import { listAllProjects } from "@/lib/projects/service";
import { demoCredentialsActive, listUsers } from "@/lib/users/service";

export default async function AdminPage() {
  const actor = await pageUser();
  if (!actor.isInstanceAdmin) return <Forbidden what="instance administration" />;
  const [projects, users, demo] = await Promise.all([listAllProjects(db(), actor), listUsers(db()), demoCredentialsActive(db())]);
  return (
    <>
      <AppHeader actor={actor} current={null} />
      <main className="mx-auto max-w-6xl space-y-6 px-6 py-8">
        <h1 className="text-2xl font-semibold">Instance admin</h1>
        {demo ? (
          <Card title="Demo credentials" actions={<RemoveDemoButton />}>
            <p className="text-sm text-slate-600">The demo accounts still sign in with the published password.</p>
          </Card>
        ) : null}
        <Card title="Projects">
          <ProjectsAdmin
            projects={projects.map((p) => ({
              id: p.id,
              slug: p.slug,
              name: p.name,
              archived: Boolean(p.archivedAt),
              members: p._count.memberships,
              traces: p._count.traces,
            }))}
          />
        </Card>
        <Card title="Users">
          <UsersAdmin
            users={users.map((u) => ({
              id: u.id,
              name: u.name,
              email: u.email,
              isInstanceAdmin: u.isInstanceAdmin,
              isDemo: u.isDemo,
              deactivated: Boolean(u.deactivatedAt),
              projects: u._count.memberships,
              isSelf: u.id === actor.userId,
            }))}
          />
        </Card>
      </main>
    </>
  );
}
