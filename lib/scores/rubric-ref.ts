import type { Tx } from "../db/client";
import type { CriterionType, ScoreDataType } from "../db/generated/enums";
import { AppError } from "../errors";
import type { TRubricRef, TScoreValue } from "./schemas";

// The one place scores resolve a rubric reference. Kept small on purpose: lib/rubrics will
// own resolution and value validation, and this function is swapped for its API then.

export interface ResolvedCriterion {
  rubricVersionId: string;
  criterionId: string;
  type: CriterionType;
}

/** slug + published version (latest when omitted) + criterion key → ids. Drafts are never scored against. */
export async function resolveRubricRef(db: Tx, projectId: string, ref: TRubricRef): Promise<ResolvedCriterion> {
  const version = await db.rubricVersion.findFirst({
    where: { projectId, status: "PUBLISHED", rubric: { projectId, slug: ref.rubric }, ...(ref.version ? { version: ref.version } : {}) },
    orderBy: { version: "desc" },
    select: { id: true },
  });
  if (!version) {
    const which = ref.version ? `version ${ref.version} of` : "a published version of";
    throw new AppError("rubric_not_found", `There is no ${which} rubric "${ref.rubric}"`);
  }
  const criterion = await db.criterion.findFirst({ where: { projectId, rubricVersionId: version.id, key: ref.criterion }, select: { id: true, type: true } });
  if (!criterion) throw new AppError("criterion_not_found", `The rubric has no criterion "${ref.criterion}"`);
  return { rubricVersionId: version.id, criterionId: criterion.id, type: criterion.type };
}

const ACCEPTS: Record<CriterionType, (v: TScoreValue) => boolean> = {
  BINARY: (v) => typeof v === "boolean",
  SCALE: (v) => typeof v === "number",
  NUMERIC: (v) => typeof v === "number",
  CATEGORICAL: (v) => typeof v === "string",
  MULTI: (v) => Array.isArray(v),
  TEXT: (v) => typeof v === "string",
  CORRECTION: (v) => typeof v === "string",
  PREFERENCE: (v) => typeof v === "string",
};

/** The value's shape must fit the criterion's type; ranges and options are lib/rubrics' to check. */
export function assertValueFits(type: CriterionType, value: TScoreValue): void {
  if (!ACCEPTS[type](value)) throw new AppError("invalid_value", `A ${type} criterion does not take ${Array.isArray(value) ? "a list" : `a ${typeof value}`}`);
}

export function textTypeFor(type: CriterionType | undefined): ScoreDataType | undefined {
  return type === "TEXT" || type === "CORRECTION" ? "TEXT" : type ? "CATEGORICAL" : undefined;
}
