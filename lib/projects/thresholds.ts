import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import type { Database, Tx } from "@/lib/db/client";
import { prismaTransaction } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import type { TAgreementThresholds, TAgreementThresholdsUpdate } from "./schemas";

// The project's reading of Krippendorff's α: at or above `reliable` the labels are reliable,
// at or above `tentative` they allow tentative conclusions only, below it they do not.

const SELECT = { agreementTentative: true, agreementReliable: true } as const;

export async function agreementThresholds(db: Tx, projectId: string): Promise<TAgreementThresholds> {
  const row = await db.project.findUnique({ where: { id: projectId }, select: SELECT });
  if (!row) throw notFound("Project");
  return { tentative: row.agreementTentative, reliable: row.agreementReliable };
}

export async function readAgreementThresholds({ prisma: db }: Database, ctx: ProjectContext): Promise<TAgreementThresholds> {
  assertCan(ctx, "project:read");
  return agreementThresholds(db, ctx.project.id);
}

export async function setAgreementThresholds({ prisma: db }: Database, ctx: ProjectContext, input: TAgreementThresholdsUpdate): Promise<TAgreementThresholds> {
  assertCan(ctx, "settings:manage");
  const projectId = ctx.project.id;
  return prismaTransaction(db, async (tx) => {
    const before = await agreementThresholds(tx, projectId);
    const after = { tentative: input.tentative ?? before.tentative, reliable: input.reliable ?? before.reliable };
    if (after.tentative > after.reliable) {
      throw new AppError("validation_failed", "The tentative threshold cannot be above the reliable one", [
        { path: input.tentative === undefined ? "reliable" : "tentative", message: `tentative ${after.tentative} > reliable ${after.reliable}` },
      ]);
    }
    await tx.project.update({ where: { id: projectId }, data: { agreementTentative: after.tentative, agreementReliable: after.reliable } });
    await recordAudit(tx, ctx.actor, {
      projectId,
      action: "project.agreement_thresholds",
      targetType: "project",
      targetId: projectId,
      details: { before, after },
    });
    return after;
  });
}
