import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import type { Database } from "@/lib/db/client";
import { prismaTransaction } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import type { TJudgeSettings, TJudgeSettingsUpdate } from "./settings-schemas";

// The project's minimum of comparable items for a judge's figures: a κ over a dozen items is
// noise, and the team decides where noise ends. The database holds the same bounds.

export async function readJudgeSettings({ prisma: db }: Database, ctx: ProjectContext): Promise<TJudgeSettings> {
  assertCan(ctx, "project:read");
  const row = await db.project.findUnique({ where: { id: ctx.project.id }, select: { judgeMinItems: true } });
  if (!row) throw notFound("Project");
  return { judgeMinItems: row.judgeMinItems };
}

export async function setJudgeSettings({ prisma: db }: Database, ctx: ProjectContext, input: TJudgeSettingsUpdate): Promise<TJudgeSettings> {
  assertCan(ctx, "settings:manage");
  const projectId = ctx.project.id;
  return prismaTransaction(db, async (tx) => {
    const before = await tx.project.findUnique({ where: { id: projectId }, select: { judgeMinItems: true } });
    if (!before) throw notFound("Project");
    await tx.project.update({ where: { id: projectId }, data: { judgeMinItems: input.judgeMinItems } });
    await recordAudit(tx, ctx.actor, {
      projectId,
      action: "project.judge_min_items",
      targetType: "project",
      targetId: projectId,
      details: { before: before.judgeMinItems, after: input.judgeMinItems },
    });
    return { judgeMinItems: input.judgeMinItems };
  });
}
