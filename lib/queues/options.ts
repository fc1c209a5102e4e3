import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import type { Database } from "@/lib/db/client";

// What the queue forms offer: the project's published rubric versions (a queue pins one) and
// the active members who may be assigned to label; and the open queues to send items to.

export async function queueFormOptions({ prisma: db }: Database, ctx: ProjectContext) {
  assertCan(ctx, "queues:manage");
  const [versions, members] = await Promise.all([
    db.rubricVersion.findMany({
      where: { projectId: ctx.project.id, status: "PUBLISHED" },
      select: { id: true, version: true, rubric: { select: { name: true } } },
      orderBy: [{ rubric: { name: "asc" } }, { version: "desc" }],
    }),
    db.membership.findMany({
      where: { projectId: ctx.project.id, deactivatedAt: null, user: { deactivatedAt: null }, role: { in: ["ADMIN", "ENGINEER", "EXPERT"] } },
      select: { role: true, user: { select: { id: true, name: true, email: true } } },
      orderBy: { user: { email: "asc" } },
    }),
  ]);
  return {
    rubricVersions: versions.map((v) => ({ id: v.id, label: `${v.rubric.name} v${v.version}` })),
    members: members.map((m) => ({ userId: m.user.id, name: m.user.name || m.user.email, email: m.user.email, role: m.role })),
  };
}

/** Queues items can be sent to from elsewhere (a judge's report): the project's open ones, with their shape. */
export async function openQueues({ prisma: db }: Database, ctx: ProjectContext) {
  assertCan(ctx, "queues:manage");
  return db.queue.findMany({
    where: { projectId: ctx.project.id, status: { not: "ARCHIVED" } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, mode: true },
  });
}
