import type { Tx } from "@/lib/db/client";
import type { TConnection } from "@/lib/connections/schemas";
import { findConnection } from "@/lib/connections/service";
import { AppError, notFound } from "@/lib/errors";
import { type TStoredJudgeVersion, findJudgeByName, listJudgeVersions, resolveJudgeVersion } from "@/lib/judge-versions/store";
import type { TPrices } from "@/lib/judges/cost";
import { MissingValuesError, type TParsedTemplate, TemplateError, parseTemplate } from "@/lib/judges/template";

// A judge version as a run or a preview uses it: found by the judge's name and the version's
// number (or the draft), its template parsed, its connection and the model's prices read.

export async function versionByName(db: Tx, projectId: string, judgeName: string, ref: number | "draft"): Promise<TStoredJudgeVersion> {
  const judge = await findJudgeByName(db, projectId, judgeName);
  if (ref !== "draft") return resolveJudgeVersion(db, projectId, judge.id, ref);
  const draft = (await listJudgeVersions(db, projectId, judge.id)).find((v) => v.status === "DRAFT");
  if (!draft) throw notFound("Draft");
  return draft;
}

/** The template parsed; a template that does not parse is a 422 naming where. */
export function parsedTemplate(version: TStoredJudgeVersion): TParsedTemplate {
  try {
    return parseTemplate(version.template, version.mode);
  } catch (error) {
    throw asAppError(error);
  }
}

/** Template errors as the API reports them; anything else unchanged. */
export function asAppError(error: unknown): unknown {
  if (error instanceof TemplateError) {
    return new AppError("template_invalid", error.message, [{ path: `template:${error.line}:${error.column}`, message: error.message }]);
  }
  if (error instanceof MissingValuesError) {
    return new AppError(
      "missing_values",
      error.message,
      error.missing.map((name) => ({ path: name, message: `No value for {{${name}}}` })),
    );
  }
  return error;
}

/** The version's connection and the model's prices (null when the connection lists none for it). */
export async function connectionOf(db: Tx, projectId: string, version: TStoredJudgeVersion): Promise<{ connection: TConnection; prices: TPrices | null }> {
  const connection = await findConnection(db, projectId, version.connectionId);
  const model = connection.models.find((m) => m.name === version.model);
  const prices =
    model && (model.inputPerMillion > 0 || model.outputPerMillion > 0)
      ? { inputPerMillion: model.inputPerMillion, outputPerMillion: model.outputPerMillion }
      : null;
  return { connection, prices };
}
