import type { ProjectContext } from "@/lib/auth/context";
import type { Sql } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import { assertAgreementReader } from "@/lib/queues/adjudicators";
import type { TSide } from "@/lib/scores/codec";
import { type TJudgment, type TJudgmentFilter, type TJudgmentValues, type TRater, readAllJudgments, readJudgmentValues } from "@/lib/scores/reader";
import type { CriterionRow } from "./scale";

// What a queue's agreement figures are computed over: the queue, its rubric version's
// criteria, its items, and its labels per criterion. Units are queue items (and side, for
// per-side criteria of pairwise items). Raters are the users who labelled the items and,
// for single-trace items, HUMAN scores sent through the scores API with an external rater
// name on the item's trace for the same rubric version's criterion; HUMAN scores keyed by an
// INGEST key only when the queue says so.

export interface QueueFrame {
  id: string;
  name: string;
  mode: "SINGLE" | "PAIRWISE";
  blind: boolean;
  rubricVersionId: string;
  consensusPolicy: "UNANIMOUS" | "MAJORITY" | "MEDIAN" | "MEAN";
  ingestRaters: boolean;
  thresholds: { tentative: number; reliable: number };
  criteria: CriterionRow[];
  /** Items not removed, by id. */
  items: Map<string, { traceId: string | null; traceBId: string | null; status: "PENDING" | "COMPLETED" }>;
}

export interface UnitLabel {
  id: string;
  itemId: string;
  side: TSide | null;
  unit: string;
  rater: string;
  /** Times and comment are read only for a few items (`only`), not for a whole queue's statistics. */
  judgment: TJudgmentValues & Partial<Pick<TJudgment, "firstSubmittedAt" | "comment">>;
}

export async function loadFrame(sql: Sql, ctx: ProjectContext, queueId: string): Promise<QueueFrame> {
  await assertAgreementReader(sql, ctx, queueId);
  const { rows } = await sql.query(
    `SELECT q.id, q.name, q.mode, q.blind, q.rubric_version_id AS "rubricVersionId", q.consensus_policy AS "consensusPolicy", q.ingest_raters AS "ingestRaters",
            p.agreement_tentative AS tentative, p.agreement_reliable AS reliable
       FROM queues q JOIN projects p ON p.id = q.project_id WHERE q.project_id = $1 AND q.id = $2`,
    [ctx.project.id, queueId],
  );
  const queue = rows[0];
  if (!queue) throw notFound("Queue");
  const [criteria, items] = await Promise.all([
    sql.query(
      `SELECT id, key, label, type, measurement_level AS "measurementLevel", config FROM criteria WHERE project_id = $1 AND rubric_version_id = $2 ORDER BY position`,
      [ctx.project.id, queue.rubricVersionId],
    ),
    sql.query(
      `SELECT id, trace_id AS "traceId", trace_b_id AS "traceBId", status FROM queue_items WHERE project_id = $1 AND queue_id = $2 AND status <> 'REMOVED'`,
      [ctx.project.id, queueId],
    ),
  ]);
  const { tentative, reliable, ...rest } = queue;
  return { ...rest, thresholds: { tentative, reliable }, criteria: criteria.rows, items: new Map(items.rows.map((i) => [i.id, i])) };
}

export const raterKey = (j: TJudgmentValues): string =>
  j.rater.kind === "user"
    ? `user:${j.rater.id}`
    : j.rater.kind === "apiKey"
      ? `key:${j.rater.id}`
      : `external:${j.rater.name}${j.rater.version ? `@${j.rater.version}` : ""}`;

/**
 * Every label of the queue that counts, grouped by criterion: `first` revisions for rater
 * statistics, `current` ones for consensus and adjudication. One rating per unit and rater.
 */
export async function collectLabels(
  sql: Sql,
  projectId: string,
  frame: QueueFrame,
  revisions: "first" | "current",
  only?: { itemIds: string[]; criterionIds: string[] },
  full = false,
): Promise<Map<string, UnitLabel[]>> {
  const byCriterion = new Map<string, UnitLabel[]>(frame.criteria.map((c) => [c.id, []]));
  const items = only ? new Map(only.itemIds.flatMap((id) => (frame.items.has(id) ? [[id, frame.items.get(id)!] as const] : []))) : frame.items;
  const itemTraces = only ? [...items.values()].flatMap((i) => [i.traceId, i.traceBId]).filter((t): t is string => t !== null) : undefined;
  // The units each rater labelled, per criterion: no string is built per label to find a repeat.
  const seen = new Map<string, Map<string, Set<string>>>(frame.criteria.map((c) => [c.id, new Map()]));
  // The reader gives each rater once, so its key is built once too.
  const keys = new Map<TRater, string>();
  const add = (j: UnitLabel["judgment"], itemId: string) => {
    const list = j.criterionId ? byCriterion.get(j.criterionId) : undefined;
    if (!list || j.value === null) return;
    const unit = j.side ? `${itemId}:${j.side}` : itemId;
    let rater = keys.get(j.rater);
    if (rater === undefined) keys.set(j.rater, (rater = raterKey(j)));
    const ratersUnits = seen.get(j.criterionId!)!;
    let units = ratersUnits.get(rater);
    if (!units) ratersUnits.set(rater, (units = new Set()));
    if (units.has(unit)) return;
    units.add(unit);
    list.push({ id: j.id, itemId, side: j.side, unit, rater, judgment: j });
  };
  const filter = { rubricVersionId: frame.rubricVersionId, revisions, ...(only ? { criterionIds: only.criterionIds } : {}) } as const;
  // Some items' labels are found through their traces (an indexed path), a queue's through its items.
  const unit = itemTraces ? { traceIds: itemTraces } : { queueId: frame.id };
  // The values alone for statistics; a few items' labels with their times and comments.
  const read = (f: TJudgmentFilter): Promise<UnitLabel["judgment"][]> => (full ? readAllJudgments(sql, projectId, f) : readJudgmentValues(sql, projectId, f));
  // External raters score an item's trace itself: on a span or an item, a score judges something else.
  const itemOfTrace = new Map<string, string>();
  if (frame.mode === "SINGLE") for (const [id, item] of items) if (item.traceId) itemOfTrace.set(item.traceId, id);
  const [labels, external, ingestKeys] = await Promise.all([
    read({ ...filter, ...unit, raterKinds: ["user"] }),
    itemOfTrace.size
      ? read({
          ...filter,
          traceIds: [...itemOfTrace.keys()],
          targets: ["trace"],
          sources: ["HUMAN"],
          raterKinds: frame.ingestRaters ? ["external", "apiKey"] : ["external"],
        })
      : [],
    frame.ingestRaters && itemOfTrace.size ? ingestKeyIds(sql, projectId) : new Set<string>(),
  ]);
  for (const j of labels) if (j.queueItemId && items.has(j.queueItemId)) add(j, j.queueItemId);
  for (const j of external) {
    if (j.rater.kind === "apiKey" && !ingestKeys.has(j.rater.id)) continue;
    const itemId = itemOfTrace.get(j.traceId);
    if (itemId) add(j, itemId);
  }
  return byCriterion;
}

async function ingestKeyIds(sql: Sql, projectId: string): Promise<Set<string>> {
  const { rows } = await sql.query(`SELECT id FROM api_keys WHERE project_id = $1 AND scope = 'INGEST'`, [projectId]);
  return new Set(rows.map((r) => r.id as string));
}

/** Display names of rater keys: users by name, keys by their name, external raters as named. */
export async function raterNames(
  sql: Sql,
  projectId: string,
  keys: Iterable<string>,
): Promise<Map<string, { kind: "user" | "apiKey" | "external"; name: string }>> {
  const users: string[] = [];
  const apiKeys: string[] = [];
  const names = new Map<string, { kind: "user" | "apiKey" | "external"; name: string }>();
  for (const key of keys) {
    if (key.startsWith("user:")) users.push(key.slice(5));
    else if (key.startsWith("key:")) apiKeys.push(key.slice(4));
    else names.set(key, { kind: "external", name: key.slice("external:".length) });
  }
  const [u, k] = await Promise.all([
    users.length ? sql.query(`SELECT id, name FROM users WHERE id = ANY($1::uuid[])`, [users]) : { rows: [] },
    apiKeys.length ? sql.query(`SELECT id, name FROM api_keys WHERE project_id = $1 AND id = ANY($2::uuid[])`, [projectId, apiKeys]) : { rows: [] },
  ]);
  for (const row of u.rows) names.set(`user:${row.id}`, { kind: "user", name: row.name });
  for (const row of k.rows) names.set(`key:${row.id}`, { kind: "apiKey", name: row.name });
  return names;
}
