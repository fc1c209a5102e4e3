import type { Tx } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { TCalibrationExample, TJudgedCriterion } from "@/lib/judges/prompt-text";
import type { TJudgeMode } from "@/lib/judges/template";
import type { TCriterionType } from "@/lib/rubrics/constants";
import { isUuid } from "@/lib/ids";

// The one reader of judges, their versions and calibration examples, which the judge screens,
// runs and the comparison with people share. Every query names the project.

/** What a version asks of the model besides the prompt. */
export interface TJudgeParameters {
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  seed?: number;
  /** Per call; a call past it is an error for that target. */
  timeoutMs?: number;
  /** Calls in flight at once: a run's default, and the most a run may ask for. */
  concurrency?: number;
  /** Requests per minute to the connection: the most a run may ask for. */
  rpm?: number;
}

export interface TStoredJudge {
  id: string;
  name: string;
  description: string;
  archivedAt: Date | null;
  createdAt: Date;
}

export interface TStoredJudgeVersion {
  id: string;
  judgeId: string;
  judgeName: string;
  /** 1, 2, … once published; null for the draft. */
  version: number | null;
  status: "DRAFT" | "PUBLISHED";
  rubricVersionId: string;
  criterionId: string;
  /** The criterion as the rubric version defines it: what `{{criterion}}` shows and the answer schema follows. */
  criterion: TJudgedCriterion;
  /** A PREFERENCE criterion is judged pairwise (both orders); every other type, one trace at a time. */
  mode: TJudgeMode;
  connectionId: string;
  model: string;
  parameters: TJudgeParameters;
  template: string;
  /** The calibration examples `{{examples}}` shows, in order; held out when this version is evaluated. */
  exampleIds: string[];
  changeNote: string;
  publishedAt: Date | null;
  createdAt: Date;
}

export interface TStoredExample {
  id: string;
  judgeId: string;
  traceId: string | null;
  queueItemId: string | null;
  input: unknown;
  output: unknown;
  /** The second output of a pairwise item. */
  outputB: unknown;
  humanValue: unknown;
  judgeValue: unknown;
  judgeRationale: string | null;
  note: string;
  removedAt: Date | null;
  createdAt: Date;
}

export const modeOf = (type: TCriterionType): TJudgeMode => (type === "PREFERENCE" ? "pairwise" : "single");

export async function findJudgeByName(db: Tx, projectId: string, name: string): Promise<TStoredJudge> {
  const judge = await db.judge.findUnique({ where: { projectId_name: { projectId, name } } });
  if (!judge) throw notFound("Judge");
  return { id: judge.id, name: judge.name, description: judge.description, archivedAt: judge.archivedAt, createdAt: judge.createdAt };
}

const VERSION_INCLUDE = {
  judge: { select: { name: true } },
  criterion: { select: { key: true, label: true, question: true, guidance: true, type: true, config: true } },
} as const;

type VersionRow = NonNullable<Awaited<ReturnType<typeof findVersionRow>>>;
const findVersionRow = (db: Tx, projectId: string, id: string) =>
  db.judgeVersion.findUnique({ where: { projectId_id: { projectId, id } }, include: VERSION_INCLUDE });

function toVersion(row: VersionRow): TStoredJudgeVersion {
  const c = row.criterion;
  return {
    id: row.id,
    judgeId: row.judgeId,
    judgeName: row.judge.name,
    version: row.version,
    status: row.status as TStoredJudgeVersion["status"],
    rubricVersionId: row.rubricVersionId,
    criterionId: row.criterionId,
    criterion: { key: c.key, label: c.label, question: c.question, guidance: c.guidance, type: c.type, config: c.config },
    mode: modeOf(c.type),
    connectionId: row.connectionId,
    model: row.model,
    parameters: row.parameters as TJudgeParameters,
    template: row.template,
    exampleIds: row.exampleIds,
    changeNote: row.changeNote,
    publishedAt: row.publishedAt,
    createdAt: row.createdAt,
  };
}

/** A version of any judge of the project, by its id. */
export async function loadJudgeVersion(db: Tx, projectId: string, versionId: string): Promise<TStoredJudgeVersion> {
  if (!isUuid(versionId)) throw notFound("Judge version");
  const row = await findVersionRow(db, projectId, versionId);
  if (!row) throw notFound("Judge version");
  return toVersion(row);
}

/** A judge's versions, published ones by number, then its draft. */
export async function listJudgeVersions(db: Tx, projectId: string, judgeId: string): Promise<TStoredJudgeVersion[]> {
  const rows = await db.judgeVersion.findMany({
    where: { projectId, judgeId },
    include: VERSION_INCLUDE,
    orderBy: [{ version: { sort: "asc", nulls: "last" } }],
  });
  return rows.map(toVersion);
}

/** A published version by number, or the latest published one. */
export async function resolveJudgeVersion(db: Tx, projectId: string, judgeId: string, ref: number | "latest"): Promise<TStoredJudgeVersion> {
  const row = await db.judgeVersion.findFirst({
    where: { projectId, judgeId, status: "PUBLISHED", ...(ref === "latest" ? {} : { version: ref }) },
    include: VERSION_INCLUDE,
    orderBy: { version: "desc" },
  });
  if (!row) throw notFound("Judge version");
  return toVersion(row);
}

/** Calibration examples by id, in the order asked (ids of examples since erased with their trace are skipped). */
export async function loadExamples(db: Tx, projectId: string, ids: readonly string[]): Promise<TStoredExample[]> {
  if (ids.length === 0) return [];
  const rows = await db.judgeCalibrationExample.findMany({ where: { projectId, id: { in: [...ids] } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toExample(r)] : [];
  });
}

/** A judge's calibration set: the examples not removed from it, oldest first. */
export async function listExamples(db: Tx, projectId: string, judgeId: string): Promise<TStoredExample[]> {
  const rows = await db.judgeCalibrationExample.findMany({ where: { projectId, judgeId, removedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toExample);
}

type ExampleRow = Awaited<ReturnType<Tx["judgeCalibrationExample"]["findMany"]>>[number];
function toExample(r: ExampleRow): TStoredExample {
  return {
    id: r.id,
    judgeId: r.judgeId,
    traceId: r.traceId,
    queueItemId: r.queueItemId,
    input: r.input,
    output: r.output,
    outputB: r.outputB,
    humanValue: r.humanValue,
    judgeValue: r.judgeValue,
    judgeRationale: r.judgeRationale,
    note: r.note,
    removedAt: r.removedAt,
    createdAt: r.createdAt,
  };
}

/** An example as `{{examples}}` shows it: a pairwise one with both outputs, A as stored. */
export function calibrationOf(example: TStoredExample, mode: TJudgeMode): TCalibrationExample {
  const shown = mode === "pairwise" ? { output_a: example.output, output_b: example.outputB } : { output: example.output };
  return { input: example.input, ...shown, value: example.humanValue, ...(example.note ? { note: example.note } : {}) };
}
