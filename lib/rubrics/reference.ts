import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TCriterionType, TMeasurementLevel } from "./constants";
import type { TScoreColumns } from "@/lib/scores/codec";
import { validateScoreValue } from "./score-value";

// How a score written from outside (API, import) names a rubric criterion, and how that
// name is resolved to the exact published version the score will pin.

export const ZRubricReference = z.object({
  rubric: z.string().trim().min(1).max(60),
  /** A published version number; missing means the latest published version. */
  version: z.number().int().positive().optional(),
  criterion: z.string().trim().min(1).max(63),
});
export type TRubricReference = z.infer<typeof ZRubricReference>;

export interface TResolvedCriterion {
  rubricId: string;
  rubricVersionId: string;
  version: number;
  criterion: { id: string; key: string; label: string; type: TCriterionType; measurementLevel: TMeasurementLevel; required: boolean; config: unknown };
}

/** Drafts are never resolved: a score always pins a published version. */
export async function resolveRubricReference(db: Tx, projectId: string, ref: TRubricReference): Promise<TResolvedCriterion> {
  const rubric = await db.rubric.findUnique({ where: { projectId_slug: { projectId, slug: ref.rubric } }, select: { id: true } });
  if (!rubric) throw new AppError("validation_failed", `No rubric "${ref.rubric}" in this project`, [{ path: "rubric.rubric", message: "Unknown rubric" }]);
  const version = await db.rubricVersion.findFirst({
    where: { projectId, rubricId: rubric.id, status: "PUBLISHED", ...(ref.version === undefined ? {} : { version: ref.version }) },
    orderBy: { version: "desc" },
    select: { id: true, version: true },
  });
  if (!version) {
    const what = ref.version === undefined ? "has no published version" : `has no published version ${ref.version}`;
    throw new AppError("validation_failed", `The rubric "${ref.rubric}" ${what}`, [{ path: "rubric.version", message: "No such published version" }]);
  }
  const criterion = await db.criterion.findFirst({
    where: { projectId, rubricVersionId: version.id, key: ref.criterion },
    select: { id: true, key: true, label: true, type: true, measurementLevel: true, required: true, config: true },
  });
  if (!criterion) {
    throw new AppError("validation_failed", `Version ${version.version} of "${ref.rubric}" has no criterion "${ref.criterion}"`, [
      { path: "rubric.criterion", message: "Unknown criterion" },
    ]);
  }
  return { rubricId: rubric.id, rubricVersionId: version.id, version: version.version!, criterion };
}

/**
 * Resolves the reference and checks the value in one step: what a score write path needs
 * to fill `rubric_version_id`, `criterion_id` and the typed value columns.
 */
export async function checkRubricScore(
  db: Tx,
  projectId: string,
  ref: TRubricReference,
  value: unknown,
): Promise<TResolvedCriterion & { value: TScoreColumns }> {
  const resolved = await resolveRubricReference(db, projectId, ref);
  const check = validateScoreValue(resolved.criterion, value);
  if (!check.ok) throw new AppError("validation_failed", `"${ref.criterion}": ${check.message}`, [{ path: "value", message: check.message }]);
  return { ...resolved, value: check.value };
}
