import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import type { Database, Tx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { TCriterionType } from "@/lib/rubrics/constants";
import { JUDGE_LIST_LIMIT, type TJudge, type TJudgeCreate, type TJudgeUpdate, type TJudgeVersion, type TTraceJudge } from "./schemas";
import { type TStoredJudge, type TStoredJudgeVersion, findJudgeByName, listJudgeVersions, modeOf, resolveJudgeVersion } from "./store";

// Judges and their published versions: create, list, read, describe, archive. The draft and
// publishing live in ./draft.ts. Every query names the project; a judge is addressed by name.

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === "P2002" || /23505|unique/i.test(String(error));

/** A stored version as the routes answer it. */
export function versionView(v: TStoredJudgeVersion): TJudgeVersion {
  return {
    id: v.id,
    judgeName: v.judgeName,
    version: v.version,
    status: v.status,
    rubricVersionId: v.rubricVersionId,
    criterion: { id: v.criterionId, key: v.criterion.key, label: v.criterion.label, type: v.criterion.type },
    mode: v.mode,
    connectionId: v.connectionId,
    model: v.model,
    parameters: v.parameters,
    template: v.template,
    exampleIds: v.exampleIds,
    changeNote: v.changeNote,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    createdAt: v.createdAt.toISOString(),
  };
}

interface JudgeRow {
  id: string;
  name: string;
  description: string;
  archivedAt: Date | null;
  createdAt: Date;
  latestVersion: number | null;
  criterionLabel: string | null;
  model: string | null;
  hasDraft: boolean;
}

// The judge with its latest published version and whether a draft is open, in one statement.
const SELECT = `
  SELECT j.id, j.name, j.description, j.archived_at AS "archivedAt", j.created_at AS "createdAt",
         v.version AS "latestVersion", c.label AS "criterionLabel", v.model,
         EXISTS (SELECT 1 FROM judge_versions d WHERE d.project_id = j.project_id AND d.judge_id = j.id AND d.status = 'DRAFT') AS "hasDraft"
    FROM judges j
    LEFT JOIN LATERAL (
      SELECT version, model, criterion_id FROM judge_versions pv
       WHERE pv.project_id = j.project_id AND pv.judge_id = j.id AND pv.status = 'PUBLISHED'
       ORDER BY pv.version DESC LIMIT 1
    ) v ON true
    LEFT JOIN criteria c ON c.project_id = j.project_id AND c.id = v.criterion_id
   WHERE j.project_id = $1::uuid`;

function toJudge(r: JudgeRow): TJudge {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    archived: r.archivedAt !== null,
    createdAt: r.createdAt.toISOString(),
    latestVersion: r.latestVersion,
    criterionLabel: r.criterionLabel,
    model: r.model,
    hasDraft: r.hasDraft,
  };
}

async function judgeView(db: Tx, projectId: string, judgeId: string): Promise<TJudge> {
  const rows = await db.$queryRawUnsafe<JudgeRow[]>(`${SELECT} AND j.id = $2::uuid`, projectId, judgeId);
  if (!rows[0]) throw notFound("Judge");
  return toJudge(rows[0]);
}

export async function listJudges({ prisma }: Database, ctx: ProjectContext): Promise<{ judges: TJudge[]; truncated: boolean }> {
  assertCan(ctx, "judges:read");
  const rows = await prisma.$queryRawUnsafe<JudgeRow[]>(
    `${SELECT} ORDER BY j.archived_at IS NOT NULL, lower(j.name), j.name LIMIT $2`,
    ctx.project.id,
    JUDGE_LIST_LIMIT + 1,
  );
  return { judges: rows.slice(0, JUDGE_LIST_LIMIT).map(toJudge), truncated: rows.length > JUDGE_LIST_LIMIT };
}

/** Every published single-trace version of the project's active judges, by judge name, newest version first. */
export async function judgesRunnableOnTraces({ prisma }: Database, ctx: ProjectContext): Promise<TTraceJudge[]> {
  assertCan(ctx, "judges:run");
  const rows = await prisma.$queryRawUnsafe<(TTraceJudge & { criterionType: TCriterionType })[]>(
    `SELECT j.name, v.version, c.label AS "criterionLabel", c.type AS "criterionType"
       FROM judges j
       JOIN judge_versions v ON v.project_id = j.project_id AND v.judge_id = j.id AND v.status = 'PUBLISHED'
       JOIN criteria c ON c.project_id = v.project_id AND c.id = v.criterion_id
      WHERE j.project_id = $1::uuid AND j.archived_at IS NULL
      ORDER BY lower(j.name), j.name, v.version DESC LIMIT $2`,
    ctx.project.id,
    JUDGE_LIST_LIMIT,
  );
  return rows.filter((r) => modeOf(r.criterionType) === "single").map(({ name, version, criterionLabel }) => ({ name, version, criterionLabel }));
}

export async function getJudge({ prisma }: Database, ctx: ProjectContext, name: string): Promise<TJudge> {
  assertCan(ctx, "judges:read");
  const judge = await findJudgeByName(prisma, ctx.project.id, name);
  return judgeView(prisma, ctx.project.id, judge.id);
}

export async function createJudge({ prisma }: Database, ctx: ProjectContext, input: TJudgeCreate): Promise<TJudge> {
  assertCan(ctx, "judges:manage");
  try {
    const row = await prisma.judge.create({ data: { projectId: ctx.project.id, name: input.name, description: input.description }, select: { id: true } });
    return judgeView(prisma, ctx.project.id, row.id);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("judge_name_taken", `A judge named "${input.name}" already exists in this project`);
    throw error;
  }
}

export async function updateJudge({ prisma }: Database, ctx: ProjectContext, name: string, input: TJudgeUpdate): Promise<TJudge> {
  assertCan(ctx, "judges:manage");
  const projectId = ctx.project.id;
  const judge = await findJudgeByName(prisma, projectId, name);
  const data: { description?: string; archivedAt?: Date | null } = {};
  if (input.description !== undefined) data.description = input.description;
  if (input.archived !== undefined && input.archived !== (judge.archivedAt !== null)) data.archivedAt = input.archived ? new Date() : null;
  if (Object.keys(data).length) await prisma.judge.update({ where: { projectId_id: { projectId, id: judge.id } }, data, select: { id: true } });
  return judgeView(prisma, projectId, judge.id);
}

/** The judge named, refused while archived: an archived judge keeps its versions but gets no new ones. */
export async function activeJudge(db: Tx, projectId: string, name: string): Promise<TStoredJudge> {
  const judge = await findJudgeByName(db, projectId, name);
  if (judge.archivedAt) throw new AppError("conflict", `The judge "${name}" is archived: bring it back before changing it`);
  return judge;
}

export async function listVersions({ prisma }: Database, ctx: ProjectContext, name: string): Promise<{ versions: TJudgeVersion[] }> {
  assertCan(ctx, "judges:read");
  const judge = await findJudgeByName(prisma, ctx.project.id, name);
  const versions = await listJudgeVersions(prisma, ctx.project.id, judge.id);
  return { versions: versions.filter((v) => v.status === "PUBLISHED").map(versionView) };
}

export async function getVersion({ prisma }: Database, ctx: ProjectContext, name: string, ref: string): Promise<TJudgeVersion> {
  assertCan(ctx, "judges:read");
  const judge = await findJudgeByName(prisma, ctx.project.id, name);
  const number = ref === "latest" ? "latest" : /^[1-9][0-9]{0,8}$/.test(ref) ? Number(ref) : null;
  if (number === null) throw notFound("Judge version");
  return versionView(await resolveJudgeVersion(prisma, ctx.project.id, judge.id, number));
}
