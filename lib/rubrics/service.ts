import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import type { Db, Tx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { countsByRubricVersion } from "@/lib/scores/reads";
import { diffVersions } from "./diff";
import { describePath } from "./rules";
import { type TPublish, type TRubricContent, type TRubricCreate, type TRubricUpdate, ZRubricContent } from "./schemas";
import {
  VERSION_SUMMARY,
  contentOf,
  createDraft,
  findRubric,
  isUniqueViolation,
  loadDraft,
  loadLatestPublished,
  loadVersion,
  type TStoredContent,
  writeDraftContent,
} from "./store";
import { TEMPLATES } from "./templates";

// Rubrics and their versions. A draft is edited freely; publishing freezes it as the next
// number, and the database refuses any later change to a published version.

const EMPTY: TRubricContent = { guidelines: "", criteria: [] };

export async function listRubrics(db: Tx, ctx: ProjectContext, options: { archived: boolean }) {
  assertCan(ctx, "rubrics:read");
  const rubrics = await db.rubric.findMany({
    where: { projectId: ctx.project.id, archivedAt: options.archived ? { not: null } : null },
    orderBy: { name: "asc" },
    include: { versions: { select: VERSION_SUMMARY, orderBy: [{ version: { sort: "desc", nulls: "first" } }] } },
  });
  return rubrics.map(({ versions, ...r }) => ({
    ...r,
    latestVersion: versions.find((v) => v.status === "PUBLISHED")?.version ?? null,
    hasDraft: versions.some((v) => v.status === "DRAFT"),
  }));
}

export async function getRubric(db: Tx, ctx: ProjectContext, rubricId: string) {
  assertCan(ctx, "rubrics:read");
  const rubric = await findRubric(db, ctx.project.id, rubricId);
  const versions = await db.rubricVersion.findMany({
    where: { projectId: ctx.project.id, rubricId },
    orderBy: [{ version: { sort: "desc", nulls: "first" } }],
    select: { ...VERSION_SUMMARY, _count: { select: { criteria: true, queues: true } } },
  });
  const judged = await countsByRubricVersion(
    db,
    ctx.project.id,
    versions.map((v) => v.id),
  );
  return { ...rubric, versions: versions.map((v) => ({ ...v, _count: { ...v._count, scores: judged.get(v.id) ?? 0 } })) };
}

export async function getVersion(db: Tx, ctx: ProjectContext, rubricId: string, versionId: string) {
  assertCan(ctx, "rubrics:read");
  const rubric = await findRubric(db, ctx.project.id, rubricId);
  const { criteria: _rows, ...version } = await loadVersion(db, ctx.project.id, rubricId, versionId);
  return { rubric, version };
}

export async function getDraft(db: Tx, ctx: ProjectContext, rubricId: string) {
  assertCan(ctx, "rubrics:read");
  const rubric = await findRubric(db, ctx.project.id, rubricId);
  const draft = await loadDraft(db, ctx.project.id, rubricId);
  return { rubric, draft: draft ? { id: draft.id, createdAt: draft.createdAt, content: draft.content } : null };
}

export async function createRubric(db: Db, ctx: ProjectContext, input: TRubricCreate) {
  assertCan(ctx, "rubrics:manage");
  const content = input.template ? ZRubricContent.parse(TEMPLATES[input.template].content) : EMPTY;
  try {
    return await db.$transaction(async (tx) => {
      const rubric = await tx.rubric.create({ data: { projectId: ctx.project.id, slug: input.slug, name: input.name, description: input.description } });
      const draft = await createDraft(tx, ctx.project.id, rubric.id, content);
      await recordAudit(tx, ctx.actor, {
        projectId: ctx.project.id,
        action: "rubric.create",
        targetType: "rubric",
        targetId: rubric.id,
        details: {
          before: null,
          after: { slug: rubric.slug, name: rubric.name, description: rubric.description, template: input.template ?? null, draft: content },
        },
      });
      return { ...rubric, draftId: draft.id };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", `A rubric with the slug "${input.slug}" already exists in this project`, [
        { path: "slug", message: "This slug is taken" },
      ]);
    throw error;
  }
}

export async function updateRubric(db: Db, ctx: ProjectContext, rubricId: string, input: TRubricUpdate) {
  assertCan(ctx, "rubrics:manage");
  return db.$transaction(async (tx) => {
    const before = await findRubric(tx, ctx.project.id, rubricId);
    const archivedAt = input.archived === undefined ? before.archivedAt : input.archived ? (before.archivedAt ?? new Date()) : null;
    const after = await tx.rubric.update({
      where: { projectId_id: { projectId: ctx.project.id, id: rubricId } },
      data: { name: input.name ?? before.name, description: input.description ?? before.description, archivedAt },
    });
    const action =
      input.archived === true && !before.archivedAt ? "rubric.archive" : input.archived === false && before.archivedAt ? "rubric.unarchive" : "rubric.update";
    const view = (r: typeof before) => ({ name: r.name, description: r.description, archived: Boolean(r.archivedAt) });
    await recordAudit(tx, ctx.actor, {
      projectId: ctx.project.id,
      action,
      targetType: "rubric",
      targetId: rubricId,
      details: { before: view(before), after: view(after) },
    });
    return after;
  });
}

function assertNotArchived(rubric: { archivedAt: Date | null }) {
  if (rubric.archivedAt) throw new AppError("conflict", "This rubric is archived: restore it before changing it");
}

/** Editing a published rubric starts here: the next draft is a copy of the latest version. */
export async function startDraft(db: Db, ctx: ProjectContext, rubricId: string) {
  assertCan(ctx, "rubrics:manage");
  return db.$transaction(async (tx) => {
    assertNotArchived(await findRubric(tx, ctx.project.id, rubricId));
    const existing = await loadDraft(tx, ctx.project.id, rubricId);
    if (existing) return { id: existing.id, created: false };
    const latest = await loadLatestPublished(tx, ctx.project.id, rubricId);
    const content = latest ? contentOf(latest) : EMPTY;
    const draft = await createDraft(tx, ctx.project.id, rubricId, content);
    await recordAudit(tx, ctx.actor, {
      projectId: ctx.project.id,
      action: "rubric.draft.start",
      targetType: "rubric",
      targetId: rubricId,
      details: { from: latest ? { versionId: latest.id, version: latest.version } : null, before: null, after: { draftId: draft.id } },
    });
    return { id: draft.id, created: true };
  });
}

export async function saveDraft(db: Db, ctx: ProjectContext, rubricId: string, content: TRubricContent) {
  assertCan(ctx, "rubrics:manage");
  return db.$transaction(async (tx) => {
    assertNotArchived(await findRubric(tx, ctx.project.id, rubricId));
    const before = await loadDraft(tx, ctx.project.id, rubricId);
    let draftId: string;
    if (before) {
      await writeDraftContent(tx, ctx.project.id, before.id, content);
      draftId = before.id;
    } else {
      draftId = (await createDraft(tx, ctx.project.id, rubricId, content)).id;
    }
    await recordAudit(tx, ctx.actor, {
      projectId: ctx.project.id,
      action: "rubric.draft.save",
      targetType: "rubric_version",
      targetId: draftId,
      details: { rubricId, before: before ? strip(before.content) : null, after: content },
    });
    return { id: draftId, content };
  });
}

const strip = (content: TStoredContent): TRubricContent => ({ guidelines: content.guidelines, criteria: content.criteria.map(({ id: _id, ...c }) => c) });

export async function discardDraft(db: Db, ctx: ProjectContext, rubricId: string) {
  assertCan(ctx, "rubrics:manage");
  await db.$transaction(async (tx) => {
    await findRubric(tx, ctx.project.id, rubricId);
    const draft = await loadDraft(tx, ctx.project.id, rubricId);
    if (!draft) throw notFound("Draft");
    await tx.rubricVersion.deleteMany({ where: { projectId: ctx.project.id, id: draft.id, status: "DRAFT" } });
    await recordAudit(tx, ctx.actor, {
      projectId: ctx.project.id,
      action: "rubric.draft.discard",
      targetType: "rubric_version",
      targetId: draft.id,
      details: { rubricId, before: strip(draft.content), after: null },
    });
  });
}

/** Freezes the draft as the next version number. */
export async function publishDraft(db: Db, ctx: ProjectContext, rubricId: string, input: TPublish) {
  assertCan(ctx, "rubrics:manage");
  try {
    return await db.$transaction(async (tx) => {
      assertNotArchived(await findRubric(tx, ctx.project.id, rubricId));
      const draft = await loadDraft(tx, ctx.project.id, rubricId);
      if (!draft) throw new AppError("conflict", "There is no draft to publish");
      // Stored drafts are re-checked: a draft is only ever published whole and valid.
      const parsed = ZRubricContent.safeParse(strip(draft.content));
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => ({ path: describePath(i.path, strip(draft.content)), message: i.message }));
        throw new AppError("validation_failed", `The draft is not ready: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`, errors);
      }
      const latest = await loadLatestPublished(tx, ctx.project.id, rubricId);
      if (latest && diffVersions(strip(contentOf(latest)), parsed.data).same) throw new AppError("conflict", `Nothing changed since v${latest.version}`);
      const number = (latest?.version ?? 0) + 1;
      const published = await tx.rubricVersion.updateManyAndReturn({
        where: { projectId: ctx.project.id, id: draft.id, status: "DRAFT" },
        data: { status: "PUBLISHED", version: number, changeNote: input.changeNote, publishedAt: new Date() },
        select: VERSION_SUMMARY,
      });
      if (published.length !== 1) throw new AppError("conflict", "This draft was published meanwhile");
      await recordAudit(tx, ctx.actor, {
        projectId: ctx.project.id,
        action: "rubric.publish",
        targetType: "rubric_version",
        targetId: draft.id,
        details: { rubricId, before: { status: "DRAFT", version: null }, after: { status: "PUBLISHED", version: number, changeNote: input.changeNote } },
      });
      return published[0];
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "Another version was published meanwhile: try again");
    throw error;
  }
}

export async function diffRubricVersions(db: Tx, ctx: ProjectContext, rubricId: string, fromId: string, toId: string) {
  assertCan(ctx, "rubrics:read");
  await findRubric(db, ctx.project.id, rubricId);
  const [from, to] = await Promise.all([loadVersion(db, ctx.project.id, rubricId, fromId), loadVersion(db, ctx.project.id, rubricId, toId)]);
  const side = (v: typeof from) => ({ id: v.id, version: v.version, status: v.status, changeNote: v.changeNote, guidelines: v.content.guidelines });
  return { from: side(from), to: side(to), diff: diffVersions(strip(from.content), strip(to.content)) };
}
