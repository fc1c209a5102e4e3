import { type ProjectContext, type UserActor, assertInstanceAdmin } from "@/lib/auth/context";
import { assertCan, can } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import type { Db, Tx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { TProjectCreate, TProjectUpdate } from "./schemas";

/** The projects a user can open: active memberships in projects that are not archived. */
export async function listMyProjects(db: Tx, actor: UserActor) {
  const memberships = await db.membership.findMany({
    where: { userId: actor.userId, deactivatedAt: null, project: { archivedAt: null } },
    orderBy: { project: { name: "asc" } },
    select: { role: true, project: { select: { id: true, slug: true, name: true } } },
  });
  return memberships.map((m) => ({ ...m.project, role: m.role }));
}

export async function listAllProjects(db: Tx, actor: UserActor) {
  assertInstanceAdmin(actor);
  return db.project.findMany({
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { name: "asc" }],
    select: { id: true, slug: true, name: true, archivedAt: true, createdAt: true, _count: { select: { memberships: true, traces: true } } },
  });
}

/** Instance admins create projects and become their first admin. */
export async function createProject(db: Db, actor: UserActor, input: TProjectCreate) {
  assertInstanceAdmin(actor);
  return db.$transaction(async (tx) => {
    const taken = await tx.project.findUnique({ where: { slug: input.slug }, select: { id: true } });
    if (taken) throw new AppError("conflict", `The slug "${input.slug}" is taken`, [{ path: "slug", message: "Taken" }]);
    const project = await tx.project.create({ data: { name: input.name, slug: input.slug }, select: { id: true, slug: true, name: true } });
    await tx.membership.create({ data: { projectId: project.id, userId: actor.userId, role: "ADMIN" } });
    await recordAudit(tx, actor, {
      projectId: project.id,
      action: "project.create",
      targetType: "project",
      targetId: project.id,
      details: { name: input.name, slug: input.slug },
    });
    return project;
  });
}

export async function updateProject(db: Db, actor: UserActor, projectId: string, input: TProjectUpdate) {
  assertInstanceAdmin(actor);
  return db.$transaction(async (tx) => {
    const before = await tx.project.findUnique({ where: { id: projectId } });
    if (!before) throw notFound("Project");
    const after = await tx.project.update({
      where: { id: projectId },
      data: {
        ...(input.name ? { name: input.name } : {}),
        ...(input.archived === undefined ? {} : { archivedAt: input.archived ? (before.archivedAt ?? new Date()) : null }),
      },
      select: { id: true, slug: true, name: true, archivedAt: true },
    });
    await recordAudit(tx, actor, {
      projectId,
      action: "project.update",
      targetType: "project",
      targetId: projectId,
      details: { before: { name: before.name, archived: Boolean(before.archivedAt) }, after: { name: after.name, archived: Boolean(after.archivedAt) } },
    });
    return after;
  });
}

/** What the project home shows, shaped by role: experts see their queues and nothing else. */
export async function projectOverview(db: Tx, ctx: ProjectContext) {
  assertCan(ctx, "project:read");
  const projectId = ctx.project.id;
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const myQueues = userId
    ? await db.queue.findMany({
        where: { projectId, status: "ACTIVE", members: { some: { userId } } },
        orderBy: { createdAt: "asc" },
        select: { id: true, name: true, overlap: true, _count: { select: { items: { where: { status: "PENDING" } } } } },
      })
    : [];
  const queues = myQueues.map((q) => ({ id: q.id, name: q.name, overlap: q.overlap, pending: q._count.items }));
  if (!can(ctx, "traces:read")) return { myQueues: queues, counts: null, recentTraces: [] };
  const [traces, rubrics, queueCount, recentTraces] = await Promise.all([
    db.trace.count({ where: { projectId } }),
    db.rubric.count({ where: { projectId, archivedAt: null } }),
    db.queue.count({ where: { projectId, status: { not: "ARCHIVED" } } }),
    db.trace.findMany({
      where: { projectId },
      orderBy: [{ startTime: "desc" }, { id: "desc" }],
      take: 15,
      select: { externalId: true, name: true, release: true, startTime: true, output: true, tags: true },
    }),
  ]);
  return { myQueues: queues, counts: { traces, rubrics, queues: queueCount }, recentTraces };
}
