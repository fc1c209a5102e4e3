import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import type { Db, Tx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { encodeRubricFile, parseRubricFile, toRubricFile } from "./format";
import type { TImport } from "./schemas";
import { contentOf, createDraft, findRubric, isUniqueViolation, loadDraft } from "./store";

// Export and import of rubric files. An import creates a new rubric in the caller's
// project; with `publish` its content becomes v1 at once.

export async function exportRubric(db: Tx, ctx: ProjectContext, rubricId: string, options: { version?: number; format: "yaml" | "json" }) {
  assertCan(ctx, "rubrics:read");
  const rubric = await findRubric(db, ctx.project.id, rubricId);
  // A given number, else the latest published version, else the draft.
  const version =
    options.version !== undefined
      ? await db.rubricVersion.findFirst({ where: { projectId: ctx.project.id, rubricId, version: options.version }, include: { criteria: true } })
      : ((await db.rubricVersion.findFirst({
          where: { projectId: ctx.project.id, rubricId, status: "PUBLISHED" },
          orderBy: { version: "desc" },
          include: { criteria: true },
        })) ?? (await loadDraft(db, ctx.project.id, rubricId)));
  if (!version) throw notFound("Rubric version");
  const content = contentOf(version);
  const file = toRubricFile(rubric, {
    version: version.version,
    changeNote: version.changeNote,
    guidelines: content.guidelines,
    criteria: content.criteria.map(({ id: _id, ...c }) => c),
  });
  const suffix = version.version === null ? "draft" : `v${version.version}`;
  return {
    filename: `${rubric.slug}-${suffix}.${options.format === "json" ? "json" : "yaml"}`,
    contentType: options.format === "json" ? "application/json" : "application/yaml",
    body: encodeRubricFile(file, options.format),
  };
}

export async function importRubric(db: Db, ctx: ProjectContext, input: TImport) {
  assertCan(ctx, "rubrics:manage");
  const { header, content } = parseRubricFile(input.content, input.format);
  const slug = input.slug ?? header.slug;
  try {
    return await db.$transaction(async (tx) => {
      const rubric = await tx.rubric.create({ data: { projectId: ctx.project.id, slug, name: header.name, description: header.description } });
      const draft = await createDraft(tx, ctx.project.id, rubric.id, content);
      let version: number | null = null;
      if (input.publish) {
        const changeNote = header.changeNote?.trim() || "Imported";
        await tx.rubricVersion.updateMany({
          where: { projectId: ctx.project.id, id: draft.id, status: "DRAFT" },
          data: { status: "PUBLISHED", version: 1, changeNote, publishedAt: new Date() },
        });
        version = 1;
      }
      await recordAudit(tx, ctx.actor, {
        projectId: ctx.project.id,
        action: "rubric.import",
        targetType: "rubric",
        targetId: rubric.id,
        details: {
          before: null,
          after: { slug, name: header.name, description: header.description, published: input.publish, content },
          sourceVersion: header.version ?? null,
        },
      });
      return { id: rubric.id, slug, versionId: draft.id, version };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", `A rubric with the slug "${slug}" already exists in this project: choose another slug`, [
        { path: "slug", message: "This slug is taken" },
      ]);
    throw error;
  }
}
