import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import type { Database } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { TTemplateValues } from "@/lib/judges/template";
import type { TPreview, TPreviewRequest } from "./schemas";
import { type TTarget, targetKey, targetValues, versionValues } from "./targets";
import { chatRequest } from "./values";
import { asAppError, connectionOf, parsedTemplate, versionByName } from "./version";

// The prompt exactly as a run would send it for one target, before anything is sent: the
// same loaders, the same renderer, the same request builder as the run's worker.

async function targetOf(db: Database, projectId: string, input: TPreviewRequest): Promise<TTarget | null> {
  if (input.traceId !== undefined) {
    const trace = await db.prisma.trace.findUnique({ where: { projectId_externalId: { projectId, externalId: input.traceId } }, select: { id: true } });
    if (!trace) throw notFound("Trace");
    return { traceId: trace.id };
  }
  if (input.queueItemId !== undefined) return { queueItemId: input.queueItemId };
  return null;
}

export async function previewPrompt(db: Database, ctx: ProjectContext, judgeName: string, input: TPreviewRequest): Promise<TPreview> {
  assertCan(ctx, "judges:read");
  const projectId = ctx.project.id;
  const version = await versionByName(db.prisma, projectId, judgeName, input.version);
  if (input.traceId !== undefined && input.queueItemId !== undefined) throw new AppError("validation_failed", "Name a trace or a queue item, not both");
  const template = parsedTemplate(version);
  const target = await targetOf(db, projectId, input);
  let values: TTemplateValues = {};
  if (target) {
    const found = (await targetValues(db.sql, projectId, version.criterionId, [target], null)).get(targetKey(target));
    if (!found) throw notFound("queueItemId" in target ? "Queue item" : "Trace");
    values = found;
  }
  const [{ connection }, rubric] = await Promise.all([connectionOf(db.prisma, projectId, version), versionValues(db.prisma, projectId, version)]);
  try {
    const request = chatRequest(template, version.criterion, connection.structuredOutput, { ...values, ...rubric });
    return { messages: request.messages, responseFormat: request.responseFormat, model: version.model };
  } catch (error) {
    throw asAppError(error);
  }
}
