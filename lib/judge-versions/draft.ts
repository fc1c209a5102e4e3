import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import { findConnection } from "@/lib/connections/service";
import type { Database, Tx } from "@/lib/db/client";
import { prismaTransaction } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { answerSchema } from "@/lib/judges/answer-schema";
import { TemplateError, parseTemplate } from "@/lib/judges/template";
import type { TDraftFields, TDraftInput, TJudgeVersion, TPublish } from "./schemas";
import { activeJudge, versionView } from "./service";
import { type TStoredJudgeVersion, findJudgeByName, listJudgeVersions, loadJudgeVersion, modeOf, resolveJudgeVersion } from "./store";
import { isUuid } from "@/lib/ids";

// A judge's one draft: written whole (or copied from a published version), checked against
// what it names, and published as the next number in one transaction that checks it again,
// since the rubric, connection or calibration set may have changed since it was saved.

/** A prompt template's parse error as the API reports it: the message with its line and column. */
export function templateInvalid(error: TemplateError): AppError {
  return new AppError("template_invalid", error.message, [{ path: "template", message: error.message, line: error.line, column: error.column }]);
}

/** Throws the first reason the draft cannot be a version of this judge. */
export async function checkDraft(tx: Tx, projectId: string, judgeId: string, d: TDraftFields): Promise<void> {
  const rubricVersion = isUuid(d.rubricVersionId)
    ? await tx.rubricVersion.findUnique({ where: { projectId_id: { projectId, id: d.rubricVersionId } }, select: { status: true } })
    : null;
  if (!rubricVersion) throw new AppError("rubric_not_found", "No rubric version of this project has that id");
  if (rubricVersion.status !== "PUBLISHED") throw new AppError("rubric_not_published", "A judge answers a published rubric version: publish the draft first");
  const criterion = isUuid(d.criterionId)
    ? await tx.criterion.findFirst({
        where: { projectId, id: d.criterionId, rubricVersionId: d.rubricVersionId },
        select: { key: true, type: true, config: true },
      })
    : null;
  if (!criterion) throw new AppError("criterion_not_found", "The criterion is not one of this rubric version's criteria");
  const answer = answerSchema(criterion);
  if (!answer.ok) throw new AppError("criterion_not_judgeable", answer.reason);
  const connection = await findConnection(tx, projectId, d.connectionId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") {
      throw new AppError("validation_failed", "No connection of this project has that id", [
        { path: "connectionId", message: "Choose a connection of this project" },
      ]);
    }
    throw error;
  });
  if (!connection.models.some((m) => m.name === d.model)) {
    const names = connection.models.map((m) => m.name).join(", ");
    throw new AppError("model_not_on_connection", `The connection "${connection.name}" lists the models ${names}, not "${d.model}"`);
  }
  try {
    parseTemplate(d.template, modeOf(criterion.type));
  } catch (error) {
    if (error instanceof TemplateError) throw templateInvalid(error);
    throw error;
  }
  const wanted = [...new Set(d.exampleIds)];
  const found = wanted.length
    ? await tx.judgeCalibrationExample.findMany({ where: { projectId, judgeId, removedAt: null, id: { in: wanted } }, select: { id: true } })
    : [];
  const missing = wanted.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new AppError("example_not_found", `Not in this judge's calibration set: ${missing.join(", ")}`);
}

const fieldsOf = (v: TStoredJudgeVersion): TDraftFields => ({
  rubricVersionId: v.rubricVersionId,
  criterionId: v.criterionId,
  connectionId: v.connectionId,
  model: v.model,
  parameters: v.parameters,
  template: v.template,
  exampleIds: v.exampleIds,
  changeNote: "",
});

// Serialises the writers of one judge's draft and versions.
const lockJudge = (tx: Tx, projectId: string, judgeId: string) =>
  tx.$queryRawUnsafe(`SELECT 1 FROM judges WHERE project_id = $1::uuid AND id = $2::uuid FOR UPDATE`, projectId, judgeId);

const draftRow = (tx: Tx, projectId: string, judgeId: string) =>
  tx.judgeVersion.findFirst({ where: { projectId, judgeId, status: "DRAFT" }, select: { id: true } });

/** The judge's open draft, or null. */
export async function openDraft({ prisma }: Database, ctx: ProjectContext, name: string): Promise<TJudgeVersion | null> {
  assertCan(ctx, "judges:read");
  const judge = await findJudgeByName(prisma, ctx.project.id, name);
  const draft = await draftRow(prisma, ctx.project.id, judge.id);
  return draft ? versionView(await loadJudgeVersion(prisma, ctx.project.id, draft.id)) : null;
}

export async function getDraft(db: Database, ctx: ProjectContext, name: string): Promise<TJudgeVersion> {
  const draft = await openDraft(db, ctx, name);
  if (!draft) throw notFound("Draft");
  return draft;
}

/** Creates or replaces the judge's draft with the fields given, or with a copy of a published version. */
export async function saveDraft({ prisma }: Database, ctx: ProjectContext, name: string, input: TDraftInput): Promise<TJudgeVersion> {
  assertCan(ctx, "judges:manage");
  const projectId = ctx.project.id;
  return prismaTransaction(prisma, async (tx) => {
    const judge = await activeJudge(tx, projectId, name);
    await lockJudge(tx, projectId, judge.id);
    const fields = "fromVersion" in input ? fieldsOf(await resolveJudgeVersion(tx, projectId, judge.id, input.fromVersion)) : input;
    await checkDraft(tx, projectId, judge.id, fields);
    const data = { ...fields, parameters: { ...fields.parameters }, authorUserId: ctx.actor.kind === "user" ? ctx.actor.userId : null };
    const existing = await draftRow(tx, projectId, judge.id);
    const id = existing
      ? (await tx.judgeVersion.update({ where: { projectId_id: { projectId, id: existing.id } }, data, select: { id: true } })).id
      : (await tx.judgeVersion.create({ data: { projectId, judgeId: judge.id, ...data }, select: { id: true } })).id;
    return versionView(await loadJudgeVersion(tx, projectId, id));
  });
}

export async function deleteDraft({ prisma }: Database, ctx: ProjectContext, name: string): Promise<{ deleted: true; id: string }> {
  assertCan(ctx, "judges:manage");
  const projectId = ctx.project.id;
  return prismaTransaction(prisma, async (tx) => {
    const judge = await findJudgeByName(tx, projectId, name);
    await lockJudge(tx, projectId, judge.id);
    const draft = await draftRow(tx, projectId, judge.id);
    if (!draft) throw notFound("Draft");
    await tx.judgeVersion.delete({ where: { projectId_id: { projectId, id: draft.id } }, select: { id: true } });
    return { deleted: true as const, id: draft.id };
  });
}

/** Publishes the draft as the next number; audited. */
export async function publishDraft({ prisma }: Database, ctx: ProjectContext, name: string, input: TPublish): Promise<TJudgeVersion> {
  assertCan(ctx, "judges:manage");
  const projectId = ctx.project.id;
  return prismaTransaction(prisma, async (tx) => {
    const judge = await activeJudge(tx, projectId, name);
    await lockJudge(tx, projectId, judge.id);
    const versions = await listJudgeVersions(tx, projectId, judge.id);
    const draft = versions.find((v) => v.status === "DRAFT");
    if (!draft) throw new AppError("conflict", `The judge "${name}" has no draft to publish`);
    await checkDraft(tx, projectId, judge.id, fieldsOf(draft));
    const number = Math.max(0, ...versions.map((v) => v.version ?? 0)) + 1;
    const changeNote = input.changeNote ?? draft.changeNote;
    await tx.judgeVersion.update({
      where: { projectId_id: { projectId, id: draft.id } },
      data: { status: "PUBLISHED", version: number, publishedAt: new Date(), changeNote },
      select: { id: true },
    });
    await recordAudit(tx, ctx.actor, {
      projectId,
      action: "judge.version_publish",
      targetType: "judge",
      targetId: judge.id,
      details: { judge: judge.name, version: number, versionId: draft.id, criterion: draft.criterion.key, model: draft.model, changeNote },
    });
    return versionView(await loadJudgeVersion(tx, projectId, draft.id));
  });
}
