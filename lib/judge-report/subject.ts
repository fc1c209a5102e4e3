import type { ProjectContext } from "@/lib/auth/context";
import type { Database } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { type TStoredJudgeVersion, findJudgeByName, listJudgeVersions, loadExamples } from "@/lib/judge-versions/store";
import type { CriterionRow } from "@/lib/reports/scale";
import type { TJudgmentValue } from "@/lib/scores/codec";
import { type TJudgment, readAllJudgments } from "@/lib/scores/reader";

// Whose results a report holds against people: one of Assay's own judge versions (its
// scores carry the version's id), or an external judge, `external:<name>`, whose LLM_JUDGE
// or CODE scores arrived through the scores API with a rubric reference, a rater name and a
// rater version, and no judge version of ours.

export const EXTERNAL_PREFIX = "external:";

export interface TJudgeResult {
  value: TJudgmentValue | null;
  rationale: string | null;
  traceId: string;
  queueItemId: string | null;
}

export interface TSubject {
  name: string;
  external: boolean;
  /** `v<n>` of our judges, the rater version of an external one. */
  version: string;
  versions: string[];
  criterion: CriterionRow & { rubricVersionId: string };
  criteria: { id: string; key: string; label: string }[];
  mode: "single" | "pairwise";
  /** By target: the trace of a single-trace judgment, the queue item of a pairwise one. */
  results: Map<string, TJudgeResult>;
  /** Targets the version saw as calibration examples. */
  heldOut: Set<string>;
  versionId: string | null;
}

export const isExternal = (name: string) => name.startsWith(EXTERNAL_PREFIX);

async function criterionRow(db: Database, projectId: string, criterionId: string): Promise<TSubject["criterion"]> {
  const { rows } = await db.sql.query(
    `SELECT id, key, label, type, measurement_level AS "measurementLevel", config, rubric_version_id AS "rubricVersionId" FROM criteria WHERE project_id = $1 AND id = $2`,
    [projectId, criterionId],
  );
  if (!rows[0]) throw notFound("Criterion");
  return rows[0];
}

const resultOf = (j: TJudgment): TJudgeResult => ({ value: j.value, rationale: j.comment, traceId: j.traceId, queueItemId: j.queueItemId });

/** The targets of a version's calibration examples, as the version's results are keyed. */
export async function exampleTargets(db: Database, projectId: string, version: TStoredJudgeVersion): Promise<Set<string>> {
  const examples = await loadExamples(db.prisma, projectId, version.exampleIds);
  const targets = new Set<string>();
  const itemIds = examples.flatMap((e) => (e.queueItemId ? [e.queueItemId] : []));
  const traceOfItem = new Map<string, string>();
  if (version.mode === "single" && itemIds.length) {
    const { rows } = await db.sql.query(`SELECT id, trace_id AS "traceId" FROM queue_items WHERE project_id = $1 AND id = ANY($2::uuid[])`, [
      projectId,
      itemIds,
    ]);
    for (const r of rows) if (r.traceId) traceOfItem.set(r.id, r.traceId);
  }
  for (const e of examples) {
    const target = version.mode === "pairwise" ? e.queueItemId : (e.traceId ?? (e.queueItemId ? traceOfItem.get(e.queueItemId) : undefined));
    if (target) targets.add(target);
  }
  return targets;
}

/** One of our judge's published versions, its results on its criterion and its held-out targets. */
export async function ownSubject(db: Database, ctx: ProjectContext, name: string, version: string | undefined, criterionKey?: string): Promise<TSubject> {
  const projectId = ctx.project.id;
  const judge = await findJudgeByName(db.prisma, projectId, name);
  const published = (await listJudgeVersions(db.prisma, projectId, judge.id)).filter((v) => v.status === "PUBLISHED");
  const wanted = version === undefined ? published.at(-1) : published.find((v) => `${v.version}` === version.replace(/^v/, ""));
  if (!wanted) throw notFound("Judge version");
  if (criterionKey !== undefined && criterionKey !== wanted.criterion.key) throw notFound("Criterion");
  const [criterion, heldOut, judgments] = await Promise.all([
    criterionRow(db, projectId, wanted.criterionId),
    exampleTargets(db, projectId, wanted),
    readAllJudgments(db.sql, projectId, {
      judgeVersionIds: [wanted.id],
      sources: ["LLM_JUDGE"],
      criterionIds: [wanted.criterionId],
      targets: [wanted.mode === "pairwise" ? "queueItem" : "trace"],
      revisions: "current",
    }),
  ]);
  const results = new Map(judgments.map((j) => [wanted.mode === "pairwise" ? j.queueItemId! : j.traceId, resultOf(j)]));
  return {
    name: judge.name,
    external: false,
    version: `v${wanted.version}`,
    versions: published.map((v) => `v${v.version}`),
    criterion,
    criteria: [{ id: criterion.id, key: criterion.key, label: criterion.label }],
    mode: wanted.mode,
    results,
    heldOut,
    versionId: wanted.id,
  };
}

/** An external judge's scores of one rater version (the newest seen by default) on one criterion (key or id). */
export async function externalSubject(db: Database, ctx: ProjectContext, raterName: string, version?: string, criterion?: string): Promise<TSubject> {
  const projectId = ctx.project.id;
  const judgments = await readAllJudgments(db.sql, projectId, {
    raterNames: [raterName],
    raterKinds: ["external"],
    judgeVersionIds: "none",
    sources: ["LLM_JUDGE", "CODE"],
    targets: ["trace"],
    revisions: "current",
  });
  const rated = judgments.filter((j) => j.criterionId !== null && j.rater.kind === "external");
  const versionOf = (j: TJudgment) => (j.rater.kind === "external" ? (j.rater.version ?? "") : "");
  // Newest first: the version whose latest score is newest.
  const latest = new Map<string, number>();
  for (const j of rated) latest.set(versionOf(j), Math.max(latest.get(versionOf(j)) ?? 0, j.createdAt.getTime()));
  const versions = [...latest].sort((a, b) => b[1] - a[1]).map(([v]) => v);
  const chosen = version ?? versions[0];
  if (chosen === undefined || !latest.has(chosen)) throw notFound("External judge");
  const mine = rated.filter((j) => versionOf(j) === chosen);
  const criteria = new Map<string, { id: string; key: string; at: number }>();
  for (const j of mine) {
    const at = Math.max(criteria.get(j.criterionId!)?.at ?? 0, j.createdAt.getTime());
    criteria.set(j.criterionId!, { id: j.criterionId!, key: j.criterionKey ?? "", at });
  }
  const ordered = [...criteria.values()].sort((a, b) => b.at - a.at);
  const picked = criterion === undefined ? ordered[0] : ordered.find((c) => c.id === criterion || c.key === criterion);
  if (!picked) throw notFound("Criterion");
  const row = await criterionRow(db, projectId, picked.id);
  const labels = await Promise.all(ordered.map(async (c) => ({ id: c.id, key: c.key, label: (await criterionRow(db, projectId, c.id)).label })));
  return {
    name: `${EXTERNAL_PREFIX}${raterName}`,
    external: true,
    version: chosen,
    versions,
    criterion: row,
    criteria: labels,
    mode: "single",
    results: new Map(mine.filter((j) => j.criterionId === picked.id && j.spanId === null).map((j) => [j.traceId, resultOf(j)])),
    heldOut: new Set(),
    versionId: null,
  };
}

/** A judge's name as a path holds it: `external%3Aname` is `external:name`. */
export function judgeNameParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
