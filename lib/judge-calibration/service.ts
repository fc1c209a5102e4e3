import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import { criterionScale } from "@/lib/agreement";
import type { Database } from "@/lib/db/client";
import { prismaTransaction } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { type TStoredExample, findJudgeByName, listJudgeVersions } from "@/lib/judge-versions/store";
import { ownSubject } from "@/lib/judge-report/subject";
import { jsonlOf } from "./jsonl";
import type { TExample, TExampleAdd, TExampleList } from "./schemas";

// A judge's calibration set: written and listed here, read by versions through
// lib/judge-versions/store.ts. Removing an example stamps `removed_at` rather than deleting it,
// so a version that showed it keeps showing it and is still evaluated without it.

async function judgeOf(db: Database, ctx: ProjectContext, name: string) {
  const judge = await findJudgeByName(db.prisma, ctx.project.id, name);
  const versions = await listJudgeVersions(db.prisma, ctx.project.id, judge.id);
  const latest = versions.filter((v) => v.status === "PUBLISHED").at(-1) ?? versions.at(-1);
  if (!latest) throw notFound("Judge version");
  return { judge, versions, latest };
}

async function traceExternalIds(db: Database, projectId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.sql.query(`SELECT id, external_id AS "externalId" FROM traces WHERE project_id = $1 AND id = ANY($2::uuid[])`, [projectId, ids]);
  return new Map(rows.map((r) => [r.id, r.externalId]));
}

function answerOf(e: TStoredExample, usedBy: string[], externalIds: Map<string, string>): TExample {
  return {
    id: e.id,
    traceId: e.traceId,
    traceExternalId: e.traceId ? (externalIds.get(e.traceId) ?? null) : null,
    queueItemId: e.queueItemId,
    input: e.input,
    output: e.output,
    outputB: e.outputB,
    humanValue: e.humanValue,
    judgeValue: e.judgeValue,
    judgeRationale: e.judgeRationale,
    note: e.note,
    createdAt: e.createdAt.toISOString(),
    removedAt: e.removedAt?.toISOString() ?? null,
    usedBy,
  };
}

/** The set (examples not removed), each with the published versions that show it. */
export async function listCalibration(db: Database, ctx: ProjectContext, name: string): Promise<TExampleList> {
  assertCan(ctx, "judges:read");
  const { judge, versions, latest } = await judgeOf(db, ctx, name);
  const rows = await db.prisma.judgeCalibrationExample.findMany({
    where: { projectId: ctx.project.id, judgeId: judge.id, removedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const examples = rows as unknown as TStoredExample[];
  const externalIds = await traceExternalIds(
    db,
    ctx.project.id,
    examples.flatMap((e) => (e.traceId ? [e.traceId] : [])),
  );
  const usedBy = (id: string) => versions.filter((v) => v.status === "PUBLISHED" && v.exampleIds.includes(id)).map((v) => `v${v.version}`);
  return { judge: judge.name, criterion: latest.criterion.key, mode: latest.mode, examples: examples.map((e) => answerOf(e, usedBy(e.id), externalIds)) };
}

/** The set as a JSONL download (docs/judges.md#calibration-sets). */
export async function downloadCalibration(db: Database, ctx: ProjectContext, name: string): Promise<Response> {
  const list = await listCalibration(db, ctx, name);
  return new Response(jsonlOf(list), {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="${list.judge}-calibration.jsonl"`,
      "cache-control": "no-store",
    },
  });
}

/** Adds items to the set: inputs and outputs copied from the traces, the judge's value and rationale from the version's current result. */
export async function addExamples(db: Database, ctx: ProjectContext, name: string, input: TExampleAdd): Promise<{ added: TExample[] }> {
  assertCan(ctx, "judges:manage");
  const projectId = ctx.project.id;
  const judge = await findJudgeByName(db.prisma, projectId, name);
  const subject = await ownSubject(db, ctx, name, input.version);
  const scale = criterionScale(subject.criterion);
  const targets = input.examples.map((e) => e.target);
  const content = await contentOf(db, projectId, subject.mode, targets);
  input.examples.forEach((e, i) => {
    if (!content.has(e.target))
      throw new AppError("validation_failed", `No ${subject.mode === "pairwise" ? "pairwise queue item" : "trace"} ${e.target} in this project`, [
        { path: `examples.${i}.target`, message: "not found" },
      ]);
    if (scale.kind !== "coefficient" || scale.toValue(e.humanValue as never) === null)
      throw new AppError("invalid_value", `The human value is not a value of ${subject.criterion.key}`, [
        { path: `examples.${i}.humanValue`, message: "off the criterion's scale" },
      ]);
  });
  const added = await prismaTransaction(db.prisma, async (tx) => {
    const rows = [];
    for (const e of input.examples) {
      const c = content.get(e.target)!;
      const result = subject.results.get(e.target);
      rows.push(
        await tx.judgeCalibrationExample.create({
          data: {
            projectId,
            judgeId: judge.id,
            ...(subject.mode === "pairwise" ? { queueItemId: e.target } : { traceId: e.target }),
            input: c.input ?? undefined,
            output: c.output ?? undefined,
            outputB: c.outputB ?? undefined,
            humanValue: e.humanValue as never,
            judgeValue: (result?.value ?? undefined) as never,
            judgeRationale: result?.rationale ?? null,
            note: e.note,
            ...(ctx.actor.kind === "user" ? { addedByUserId: ctx.actor.userId } : { addedByApiKeyId: ctx.actor.apiKeyId }),
          },
        }),
      );
    }
    await recordAudit(tx, ctx.actor, {
      projectId,
      action: "judge.examples.add",
      targetType: "judge",
      targetId: judge.id,
      details: { version: subject.version, examples: rows.map((r, i) => ({ id: r.id, target: targets[i], humanValue: input.examples[i].humanValue })) },
    });
    return rows as unknown as TStoredExample[];
  });
  const externalIds = await traceExternalIds(
    db,
    projectId,
    added.flatMap((e) => (e.traceId ? [e.traceId] : [])),
  );
  return { added: added.map((e) => answerOf(e, [], externalIds)) };
}

/** Takes an example out of the set; versions that show it keep it. */
export async function removeExample(db: Database, ctx: ProjectContext, name: string, exampleId: string): Promise<{ id: string; removedAt: string }> {
  assertCan(ctx, "judges:manage");
  const projectId = ctx.project.id;
  const judge = await findJudgeByName(db.prisma, projectId, name);
  if (!/^[0-9a-f-]{36}$/i.test(exampleId)) throw notFound("Example");
  return prismaTransaction(db.prisma, async (tx) => {
    const removedAt = new Date();
    const { count } = await tx.judgeCalibrationExample.updateMany({
      where: { projectId, judgeId: judge.id, id: exampleId, removedAt: null },
      data: { removedAt },
    });
    if (count === 0) throw notFound("Example");
    await recordAudit(tx, ctx.actor, { projectId, action: "judge.examples.remove", targetType: "judge", targetId: judge.id, details: { example: exampleId } });
    return { id: exampleId, removedAt: removedAt.toISOString() };
  });
}

type Content = { input: unknown; output: unknown; outputB: unknown };

/** What the example shows: a trace's input and output, or a pairwise item's input with both outputs. */
async function contentOf(db: Database, projectId: string, mode: "single" | "pairwise", targets: string[]): Promise<Map<string, Content>> {
  if (mode === "single") {
    const { rows } = await db.sql.query(`SELECT id, input, output FROM traces WHERE project_id = $1 AND id = ANY($2::uuid[])`, [projectId, targets]);
    return new Map(rows.map((r) => [r.id, { input: r.input, output: r.output, outputB: null }]));
  }
  const { rows } = await db.sql.query(
    `SELECT i.id, a.input, a.output, b.output AS "outputB" FROM queue_items i
       JOIN traces a ON a.project_id = i.project_id AND a.id = i.trace_id
       JOIN traces b ON b.project_id = i.project_id AND b.id = i.trace_b_id
      WHERE i.project_id = $1 AND i.id = ANY($2::uuid[])`,
    [projectId, targets],
  );
  return new Map(rows.map((r) => [r.id, { input: r.input, output: r.output, outputB: r.outputB }]));
}
