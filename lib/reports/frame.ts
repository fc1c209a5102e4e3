import type { ProjectContext } from "@/lib/auth/context";
import type { Sql } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import { assertAgreementReader } from "@/lib/queues/adjudicators";
import type { TJudgmentValue, TSide } from "@/lib/scores/codec";
import {
  type TJudgment,
  type TJudgmentCore,
  type TJudgmentFilter,
  type TJudgmentValues,
  type TRater,
  eachJudgmentValue,
  readAllJudgments,
  readJudgmentValues,
} from "@/lib/scores/reader";
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

export const raterKey = (j: Pick<TJudgmentValues, "rater">): string =>
  j.rater.kind === "user"
    ? `user:${j.rater.id}`
    : j.rater.kind === "apiKey"
      ? `key:${j.rater.id}`
      : `external:${j.rater.name}${j.rater.version ? `@${j.rater.version}` : ""}`;

/** One criterion's labels that count, in the order read: parallel columns, one entry a label. */
export interface CriterionRatings {
  /** Index into `QueueRatings.units`. */
  unit: number[];
  /** Index into `QueueRatings.raters`. */
  rater: number[];
  value: TJudgmentValue[];
  /** Label ids, kept when asked for (`keep` "ids" or "judgments"), else empty. */
  id: string[];
  /** Whole judgments, kept only for `keep: "judgments"`, else empty. */
  judgment: UnitLabel["judgment"][];
  /** The units labelled, in the order first met; each unit's labels are first(u), then next[…] until −1, in the order read. */
  unitsMet: number[];
  /** By unit: its first label's position, −1 (or past the end) for none. */
  first: number[];
  next: number[];
}

export interface CollectOptions {
  /** A few items' labels, found through their traces, rather than the whole queue's. */
  only?: { itemIds: string[]; criterionIds: string[] };
  /** Read times and comments too. */
  full?: boolean;
  /** What each label keeps beside its unit, rater and value: a whole queue's statistics need no more. */
  keep?: "values" | "ids" | "judgments";
}

/**
 * A queue's labels that count, held as numbers: a unit or rater key is built and kept once,
 * not once a label, so a queue of 100,000 labels leaves no object per label beside the
 * judgment the reader gave.
 */
export interface QueueRatings {
  /** Unit keys (`itemId`, or `itemId:side` for a per-side criterion of a pairwise item), numbered as met. */
  units: string[];
  unitItem: string[];
  unitSide: (TSide | null)[];
  /** Rater keys (`raterKey`), numbered as met. */
  raters: string[];
  byCriterion: Map<string, CriterionRatings>;
}

/**
 * Every label of the queue that counts, grouped by criterion: `first` revisions for rater
 * statistics, `current` ones for consensus and adjudication. One rating per unit and rater:
 * the first read (queue labels by id, then external raters' scores) stands.
 */
export async function collectRatings(
  sql: Sql,
  projectId: string,
  frame: QueueFrame,
  revisions: "first" | "current",
  { only, full = false, keep = "values" }: CollectOptions = {},
): Promise<QueueRatings> {
  const ratings: QueueRatings = { units: [], unitItem: [], unitSide: [], raters: [], byCriterion: new Map() };
  // Each unit's labels are chained (first, next, and the last for appending), so a repeat is found among the unit's few labels.
  const tails = new Map<CriterionRatings, number[]>();
  for (const c of frame.criteria) {
    const list: CriterionRatings = { unit: [], rater: [], value: [], id: [], judgment: [], unitsMet: [], first: [], next: [] };
    ratings.byCriterion.set(c.id, list);
    tails.set(list, []);
  }
  const items = only ? new Map(only.itemIds.flatMap((id) => (frame.items.has(id) ? [[id, frame.items.get(id)!] as const] : []))) : frame.items;
  const itemTraces = only ? [...items.values()].flatMap((i) => [i.traceId, i.traceBId]).filter((t): t is string => t !== null) : undefined;
  const unitIndex = new Map<string, number>();
  // The reader gives each rater once, so its key is built and numbered once too.
  const raterIndex = new Map<TRater, number>();
  const raterOfKey = new Map<string, number>();
  const unitOf = (itemId: string, side: TSide | null): number => {
    const key = side ? `${itemId}:${side}` : itemId;
    let index = unitIndex.get(key);
    if (index === undefined) {
      unitIndex.set(key, (index = ratings.units.length));
      ratings.units.push(key);
      ratings.unitItem.push(itemId);
      ratings.unitSide.push(side);
    }
    return index;
  };
  const raterOf = (j: TJudgmentCore): number => {
    let index = raterIndex.get(j.rater);
    if (index !== undefined) return index;
    const key = raterKey(j);
    index = raterOfKey.get(key);
    if (index === undefined) {
      index = ratings.raters.length;
      raterOfKey.set(key, index);
      ratings.raters.push(key);
    }
    raterIndex.set(j.rater, index);
    return index;
  };
  const add = (j: TJudgmentCore, itemId: string) => {
    const list = j.criterionId ? ratings.byCriterion.get(j.criterionId) : undefined;
    if (!list || j.value === null) return;
    const unit = unitOf(itemId, j.side);
    const rater = raterOf(j);
    const tail = tails.get(list)!;
    const at = list.unit.length;
    while (list.first.length <= unit) list.first.push(-1);
    const head = list.first[unit];
    if (head < 0) {
      list.first[unit] = at;
      list.unitsMet.push(unit);
    } else {
      for (let k = head; k >= 0; k = list.next[k]) if (list.rater[k] === rater) return;
      list.next[tail[unit]] = at;
    }
    while (tail.length <= unit) tail.push(-1);
    tail[unit] = at;
    list.unit.push(unit);
    list.rater.push(rater);
    list.value.push(j.value);
    if (keep !== "values") list.id.push(j.id!);
    // Whole judgments are read (not streamed as cores) exactly when they are kept.
    if (keep === "judgments") list.judgment.push(j as UnitLabel["judgment"]);
    list.next.push(-1);
  };
  const filter = { rubricVersionId: frame.rubricVersionId, revisions, ...(only ? { criterionIds: only.criterionIds } : {}) } as const;
  // Some items' labels are found through their traces (an indexed path), a queue's through its items.
  const unit = itemTraces ? { traceIds: itemTraces } : { queueId: frame.id };
  // The values alone for statistics; a few items' labels with their times and comments.
  const read = (f: TJudgmentFilter): Promise<UnitLabel["judgment"][]> => (full ? readAllJudgments(sql, projectId, f) : readJudgmentValues(sql, projectId, f));
  // External raters score an item's trace itself: on a span or an item, a score judges something else.
  const itemOfTrace = new Map<string, string>();
  if (frame.mode === "SINGLE") for (const [id, item] of items) if (item.traceId) itemOfTrace.set(item.traceId, id);
  const others = Promise.all([
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
  // Queue labels first (their repeats are dropped in favour of them), each kept as it arrives.
  const label = (j: TJudgmentCore) => {
    if (j.queueItemId && items.has(j.queueItemId)) add(j, j.queueItemId);
  };
  const labels: TJudgmentFilter = { ...filter, ...unit, raterKinds: ["user"] };
  if (keep === "judgments") for (const j of await read(labels)) label(j);
  else await eachJudgmentValue(sql, projectId, labels, label, { ids: keep === "ids" });
  const [external, ingestKeys] = await others;
  for (const j of external) {
    if (j.rater.kind === "apiKey" && !ingestKeys.has(j.rater.id)) continue;
    const itemId = itemOfTrace.get(j.traceId);
    if (itemId) add(j, itemId);
  }
  return ratings;
}

/** The same labels as objects, one a label, for the reads of a few items or that walk each label anyway. */
export async function collectLabels(
  sql: Sql,
  projectId: string,
  frame: QueueFrame,
  revisions: "first" | "current",
  only?: CollectOptions["only"],
  full = false,
): Promise<Map<string, UnitLabel[]>> {
  const ratings = await collectRatings(sql, projectId, frame, revisions, { only, full, keep: "judgments" });
  const byCriterion = new Map<string, UnitLabel[]>();
  for (const [criterionId, list] of ratings.byCriterion) {
    byCriterion.set(
      criterionId,
      list.judgment.map((judgment, i) => ({
        id: judgment.id,
        itemId: ratings.unitItem[list.unit[i]],
        side: judgment.side,
        unit: ratings.units[list.unit[i]],
        rater: ratings.raters[list.rater[i]],
        judgment,
      })),
    );
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
