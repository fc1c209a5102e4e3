import type { Tx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { TCriterion, TRubricContent } from "./schemas";
import { isUuid } from "@/lib/ids";

// Reading and writing the rows of one rubric version. Every query names the project.

/** Ids from paths and pages: anything but a UUID names nothing. */
export function assertUuid(id: string, what: string): void {
  if (!isUuid(id)) throw notFound(what);
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

export const VERSION_SUMMARY = { id: true, version: true, status: true, changeNote: true, publishedAt: true, createdAt: true } as const;

export async function findRubric(tx: Tx, projectId: string, rubricId: string) {
  assertUuid(rubricId, "Rubric");
  const rubric = await tx.rubric.findUnique({ where: { projectId_id: { projectId, id: rubricId } } });
  if (!rubric) throw notFound("Rubric");
  return rubric;
}

interface CriterionRow {
  id: string;
  key: string;
  label: string;
  question: string;
  guidance: string;
  required: boolean;
  type: TCriterion["type"];
  measurementLevel: TCriterion["measurementLevel"];
  config: unknown;
  position: number;
}

export interface TStoredContent {
  guidelines: string;
  criteria: (TCriterion & { id: string })[];
}

export function contentOf(version: { guidelines: string; criteria: CriterionRow[] }): TStoredContent {
  return {
    guidelines: version.guidelines,
    criteria: [...version.criteria]
      .sort((a, b) => a.position - b.position)
      .map(
        (c) =>
          ({
            id: c.id,
            key: c.key,
            label: c.label,
            question: c.question,
            guidance: c.guidance,
            required: c.required,
            type: c.type,
            measurementLevel: c.measurementLevel,
            config: c.config,
          }) as TCriterion & { id: string },
      ),
  };
}

export async function loadVersion(tx: Tx, projectId: string, rubricId: string, versionId: string) {
  assertUuid(versionId, "Rubric version");
  const version = await tx.rubricVersion.findFirst({ where: { projectId, rubricId, id: versionId }, include: { criteria: true } });
  if (!version) throw notFound("Rubric version");
  return { ...version, content: contentOf(version) };
}

export async function loadDraft(tx: Tx, projectId: string, rubricId: string) {
  const draft = await tx.rubricVersion.findFirst({ where: { projectId, rubricId, status: "DRAFT" }, include: { criteria: true } });
  return draft ? { ...draft, content: contentOf(draft) } : null;
}

export async function loadLatestPublished(tx: Tx, projectId: string, rubricId: string) {
  const version = await tx.rubricVersion.findFirst({
    where: { projectId, rubricId, status: "PUBLISHED" },
    orderBy: { version: "desc" },
    include: { criteria: true },
  });
  return version ? { ...version, content: contentOf(version) } : null;
}

/** Replaces a draft's guidelines and criteria. Refused by the database if it was published meanwhile. */
export async function writeDraftContent(tx: Tx, projectId: string, versionId: string, content: TRubricContent): Promise<void> {
  const { count } = await tx.rubricVersion.updateMany({ where: { projectId, id: versionId, status: "DRAFT" }, data: { guidelines: content.guidelines } });
  if (count === 0) throw new AppError("conflict", "This draft was published meanwhile: reload to edit the next draft");
  await tx.criterion.deleteMany({ where: { projectId, rubricVersionId: versionId } });
  await tx.criterion.createMany({
    data: content.criteria.map((c, position) => ({
      projectId,
      rubricVersionId: versionId,
      position,
      key: c.key,
      label: c.label,
      question: c.question,
      guidance: c.guidance,
      required: c.required,
      type: c.type,
      measurementLevel: c.measurementLevel,
      config: c.config as object,
    })),
  });
}

/** Creates the draft of a rubric holding `content`; one draft per rubric (a unique index). */
export async function createDraft(tx: Tx, projectId: string, rubricId: string, content: TRubricContent) {
  try {
    const draft = await tx.rubricVersion.create({ data: { projectId, rubricId, guidelines: content.guidelines } });
    await writeDraftContent(tx, projectId, draft.id, content);
    return draft;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "This rubric already has a draft");
    throw error;
  }
}
