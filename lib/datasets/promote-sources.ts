import type { ProjectContext } from "@/lib/auth/context";
import { assertCan, can } from "@/lib/auth/scopes";
import type { Database } from "@/lib/db/client";
import { criterionChoices } from "./promote-rule";
import type { TPromotionSource } from "./promote-schemas";

// What the promotion screen offers: the project's queues, each with its rubric version's
// criteria and the values a condition can pick, so the form is built from the rubric the
// queue was labelled against.

export async function promotionSources({ prisma }: Database, ctx: ProjectContext): Promise<TPromotionSource[]> {
  assertCan(ctx, "datasets:write");
  if (!can(ctx, "reports:read")) return [];
  const queues = await prisma.queue.findMany({
    where: { projectId: ctx.project.id, status: { not: "ARCHIVED" } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      mode: true,
      rubricVersion: { select: { criteria: { orderBy: { position: "asc" }, select: { key: true, label: true, type: true, config: true } } } },
    },
  });
  return queues.map((q) => ({
    id: q.id,
    name: q.name,
    mode: q.mode,
    criteria: q.rubricVersion.criteria.map((c) => ({
      key: c.key,
      label: c.label,
      type: c.type,
      choices: criterionChoices(c.type, c.config as Record<string, unknown>),
    })),
  }));
}

/** The datasets the explorer can add to: not archived, by name. */
export async function datasetTargets({ prisma }: Database, ctx: ProjectContext): Promise<{ id: string; name: string }[]> {
  assertCan(ctx, "datasets:write");
  return prisma.dataset.findMany({ where: { projectId: ctx.project.id, archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}
