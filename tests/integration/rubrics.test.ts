import { beforeAll, describe, expect, it } from "vitest";
import { db, pool } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { checkRubricScore, resolveRubricReference } from "@/lib/rubrics/reference";
import { ZRubricContent } from "@/lib/rubrics/schemas";
import { prismaColumns } from "@/lib/scores/codec";
import { createRubric, getRubric, publishDraft, saveDraft, startDraft, updateRubric } from "@/lib/rubrics/service";
import { everyType } from "@/lib/rubrics/test-fixtures";
import { exportRubric, importRubric } from "@/lib/rubrics/transfer";
import { type TestProject, codeOf, makeProject, unique } from "@/tests/helpers/fixtures";
import { memberContext } from "@/tests/helpers/traces";

// Publishing freezes a rubric version for good: through the services, and through raw SQL
// against the database's own triggers. Queues and scores only ever point at published versions.

const contextOf = (project: TestProject, role: Role = "ADMIN") => memberContext(project, role);

async function sqlError(text: string, values: unknown[] = []): Promise<string> {
  try {
    await pool().query(text, values);
    return "accepted";
  } catch (error) {
    return (error as Error).message;
  }
}

async function publishedRubric(project: TestProject) {
  const ctx = await contextOf(project);
  const rubric = await createRubric(db(), ctx, { slug: unique("r"), name: "Quality", description: "" });
  await saveDraft(db(), ctx, rubric.id, ZRubricContent.parse(everyType()));
  const v1 = await publishDraft(db(), ctx, rubric.id, { changeNote: "First" });
  return { ctx, rubric, v1 };
}

let project: TestProject;
beforeAll(async () => {
  project = await makeProject();
});

describe("publishing", () => {
  it("freezes the draft as v1, v2, … with a change note, and audits before and after", async () => {
    const { ctx, rubric, v1 } = await publishedRubric(project);
    expect(v1).toMatchObject({ version: 1, status: "PUBLISHED", changeNote: "First" });
    expect(await codeOf(publishDraft(db(), ctx, rubric.id, { changeNote: "again" }))).toBe("conflict");

    const draft = await startDraft(db(), ctx, rubric.id);
    expect(draft.created).toBe(true);
    expect(await codeOf(publishDraft(db(), ctx, rubric.id, { changeNote: "no change" }))).toBe("conflict");
    const content = ZRubricContent.parse({ ...everyType(), guidelines: "Second guidelines" });
    await saveDraft(db(), ctx, rubric.id, content);
    expect(await publishDraft(db(), ctx, rubric.id, { changeNote: "Clearer guidelines" })).toMatchObject({ version: 2 });

    const events = await db().auditEvent.findMany({
      where: { projectId: project.id, details: { path: ["rubricId"], equals: rubric.id } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["rubric.draft.save", "rubric.publish", "rubric.draft.save", "rubric.publish"]);
    const lastSave = events[2].details as { before: { guidelines: string }; after: { guidelines: string } };
    expect([lastSave.before.guidelines, lastSave.after.guidelines]).toEqual(["Read the **answer**.", "Second guidelines"]);
  });

  it("refuses to publish an empty draft and names what is missing", async () => {
    const ctx = await contextOf(project);
    const rubric = await createRubric(db(), ctx, { slug: unique("empty"), name: "Empty", description: "" });
    await expect(publishDraft(db(), ctx, rubric.id, { changeNote: "x" })).rejects.toMatchObject({
      code: "validation_failed",
      fieldErrors: [{ path: "criteria", message: "Add at least one criterion" }],
    });
  });

  it("lets only admins change rubrics, and keeps them from experts", async () => {
    const engineer = await contextOf(project, "ENGINEER");
    expect(await codeOf(createRubric(db(), engineer, { slug: unique("r"), name: "X", description: "" }))).toBe("forbidden");
    const { rubric } = await publishedRubric(project);
    expect(await codeOf(startDraft(db(), engineer, rubric.id))).toBe("forbidden");
    expect((await getRubric(db(), await contextOf(project, "VIEWER"), rubric.id)).versions).toHaveLength(1);
    // An expert gets the version through the queues assigned to them, not here.
    expect(await codeOf(getRubric(db(), await contextOf(project, "EXPERT"), rubric.id))).toBe("forbidden");
  });

  it("keeps slugs unique per project", async () => {
    const ctx = await contextOf(project);
    const slug = unique("same");
    await createRubric(db(), ctx, { slug, name: "A", description: "" });
    expect(await codeOf(createRubric(db(), ctx, { slug, name: "B", description: "" }))).toBe("conflict");
    const other = await makeProject();
    expect(await codeOf(createRubric(db(), await contextOf(other), { slug, name: "B", description: "" }))).toBe("resolved");
  });
});

describe("a published version never changes", () => {
  it("is refused by the database on every path: update, delete, insert, truncate", async () => {
    const { v1 } = await publishedRubric(project);
    const criterion = await db().criterion.findFirstOrThrow({ where: { projectId: project.id, rubricVersionId: v1.id, key: "quality" } });
    const frozen = /published/;
    expect(await sqlError(`UPDATE rubric_versions SET guidelines = 'changed' WHERE project_id = $1 AND id = $2`, [project.id, v1.id])).toMatch(frozen);
    expect(await sqlError(`UPDATE rubric_versions SET status = 'DRAFT', version = NULL WHERE project_id = $1 AND id = $2`, [project.id, v1.id])).toMatch(
      frozen,
    );
    expect(await sqlError(`DELETE FROM rubric_versions WHERE project_id = $1 AND id = $2`, [project.id, v1.id])).toMatch(frozen);
    expect(await sqlError(`UPDATE criteria SET config = '{}' WHERE project_id = $1 AND id = $2`, [project.id, criterion.id])).toMatch(frozen);
    expect(await sqlError(`DELETE FROM criteria WHERE project_id = $1 AND id = $2`, [project.id, criterion.id])).toMatch(frozen);
    expect(
      await sqlError(
        `INSERT INTO criteria (project_id, rubric_version_id, position, key, label, type, measurement_level) VALUES ($1, $2, 99, 'sneaky', 'S', 'TEXT', 'NONE')`,
        [project.id, v1.id],
      ),
    ).toMatch(frozen);
    expect(await sqlError("TRUNCATE criteria CASCADE")).toMatch(frozen);
    expect(await sqlError("TRUNCATE rubric_versions CASCADE")).toMatch(frozen);
    // The same refusal reaches Prisma calls that bypass the services.
    await expect(
      db().rubricVersion.update({ where: { projectId_id: { projectId: project.id, id: v1.id } }, data: { changeNote: "rewritten" } }),
    ).rejects.toThrow(frozen);
    const after = await db().rubricVersion.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: v1.id } }, include: { criteria: true } });
    expect(after.changeNote).toBe("First");
    expect(after.criteria).toHaveLength(8);
  });

  it("still lets a draft change freely, and a whole project be deleted", async () => {
    const { ctx, rubric } = await publishedRubric(project);
    const draft = await startDraft(db(), ctx, rubric.id);
    expect(await sqlError(`UPDATE rubric_versions SET guidelines = 'draft edit' WHERE project_id = $1 AND id = $2`, [project.id, draft.id])).toBe("accepted");
    expect(await sqlError(`DELETE FROM criteria WHERE project_id = $1 AND rubric_version_id = $2`, [project.id, draft.id])).toBe("accepted");
    expect(await sqlError(`DELETE FROM rubrics WHERE project_id = $1 AND id = $2`, [project.id, rubric.id])).toMatch(/published/);

    // A project without audit history (the audit log keeps its project otherwise) is deleted whole.
    const doomed = await db().project.create({ data: { slug: unique("doomed"), name: "Doomed" } });
    const r = await db().rubric.create({ data: { projectId: doomed.id, slug: "r", name: "R" } });
    const v = await db().rubricVersion.create({ data: { projectId: doomed.id, rubricId: r.id } });
    await db().criterion.create({
      data: {
        projectId: doomed.id,
        rubricVersionId: v.id,
        position: 0,
        key: "k",
        label: "K",
        type: "TEXT",
        measurementLevel: "NONE",
        config: { maxLength: 5 },
      },
    });
    await db().rubricVersion.update({ where: { projectId_id: { projectId: doomed.id, id: v.id } }, data: { status: "PUBLISHED", version: 1 } });
    expect(await sqlError(`DELETE FROM projects WHERE id = $1`, [doomed.id])).toBe("accepted");
    expect(await db().criterion.count({ where: { projectId: doomed.id } })).toBe(0);
  });
});

describe("queues and scores pin published versions", () => {
  it("refuses a queue on a draft or on an archived rubric", async () => {
    const { ctx, rubric, v1 } = await publishedRubric(project);
    const draft = await startDraft(db(), ctx, rubric.id);
    await expect(db().queue.create({ data: { projectId: project.id, name: "q", rubricVersionId: draft.id } })).rejects.toThrow(/published rubric version/);
    const queue = await db().queue.create({ data: { projectId: project.id, name: "q", rubricVersionId: v1.id } });
    expect(await sqlError(`UPDATE queues SET rubric_version_id = $3 WHERE project_id = $1 AND id = $2`, [project.id, queue.id, draft.id])).toMatch(
      /published rubric version/,
    );
    await updateRubric(db(), ctx, rubric.id, { archived: true });
    await expect(db().queue.create({ data: { projectId: project.id, name: "q2", rubricVersionId: v1.id } })).rejects.toThrow(/archived/);
    // Archiving loses nothing: the queue and the version are still there.
    expect(await db().queue.count({ where: { projectId: project.id, id: queue.id } })).toBe(1);
    expect(await codeOf(startDraft(db(), ctx, rubric.id))).toBe("conflict");
  });

  it("stores scores against the version they used; editing and publishing again leaves them untouched", async () => {
    const { ctx, rubric, v1 } = await publishedRubric(project);
    const slug = (await db().rubric.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: rubric.id } } })).slug;
    const trace = await db().trace.create({ data: { projectId: project.id, externalId: unique("t") } });
    const checked = await checkRubricScore(db(), project.id, { rubric: slug, criterion: "quality" }, 3);
    expect(checked).toMatchObject({ rubricVersionId: v1.id, version: 1, value: { dataType: "NUMERIC", numberValue: 3 } });
    const score = await db().score.create({
      data: {
        projectId: project.id,
        traceId: trace.id,
        name: "quality",
        source: "CODE",
        raterName: "judge",
        rubricVersionId: checked.rubricVersionId,
        criterionId: checked.criterion.id,
        ...prismaColumns(checked.value),
      },
    });
    await expect(checkRubricScore(db(), project.id, { rubric: slug, criterion: "quality" }, 7)).rejects.toMatchObject({ code: "validation_failed" });

    const draft = await startDraft(db(), ctx, rubric.id);
    const edited = ZRubricContent.parse(everyType());
    (edited.criteria[1].config as { levels: { description: string }[] }).levels[2].description = "Redefined";
    await saveDraft(db(), ctx, rubric.id, edited);
    // A draft cannot be scored against, by reference or directly.
    expect(await codeOf(resolveRubricReference(db(), project.id, { rubric: slug, version: 2, criterion: "quality" }))).toBe("validation_failed");
    const draftCriterion = await db().criterion.findFirstOrThrow({ where: { projectId: project.id, rubricVersionId: draft.id, key: "quality" } });
    await expect(
      db().score.create({
        data: {
          projectId: project.id,
          traceId: trace.id,
          name: "q2",
          source: "CODE",
          raterName: "judge",
          rubricVersionId: draft.id,
          criterionId: draftCriterion.id,
          dataType: "NUMERIC",
          numberValue: 1,
        },
      }),
    ).rejects.toThrow(/published rubric version/);

    const v2 = await publishDraft(db(), ctx, rubric.id, { changeNote: "Redefine the top level" });
    // A criterion of one version cannot be paired with another version.
    await expect(
      db().score.create({
        data: {
          projectId: project.id,
          traceId: trace.id,
          name: "q3",
          source: "CODE",
          raterName: "judge",
          rubricVersionId: v2.id,
          criterionId: checked.criterion.id,
          dataType: "NUMERIC",
          numberValue: 1,
        },
      }),
    ).rejects.toThrow(/does not belong/);
    expect((await resolveRubricReference(db(), project.id, { rubric: slug, criterion: "quality" })).rubricVersionId).toBe(v2.id);
    expect((await resolveRubricReference(db(), project.id, { rubric: slug, version: 1, criterion: "quality" })).rubricVersionId).toBe(v1.id);

    const kept = await db().score.findUniqueOrThrow({ where: { projectId_id: { projectId: project.id, id: score.id } }, include: { criterion: true } });
    expect(kept.rubricVersionId).toBe(v1.id);
    expect((kept.criterion!.config as { levels: { description: string }[] }).levels[2].description).toBe("Perfect");
  });
});

describe("import and export", () => {
  it("an export imported into another project yields the same rubric", async () => {
    const { ctx, rubric } = await publishedRubric(project);
    const file = await exportRubric(db(), ctx, rubric.id, { format: "yaml" });
    expect(file.filename).toMatch(/-v1\.yaml$/);
    const other = await makeProject();
    const otherCtx = await contextOf(other);
    const imported = await importRubric(db(), otherCtx, { format: "yaml", content: file.body, publish: true });
    expect(imported.version).toBe(1);
    const again = await exportRubric(db(), otherCtx, imported.id, { format: "yaml" });
    expect(again.body.replace(/changeNote: .*/, "")).toBe(file.body.replace(/changeNote: .*/, ""));
    expect(await codeOf(importRubric(db(), otherCtx, { format: "yaml", content: file.body, publish: false }))).toBe("conflict");
  });
});
