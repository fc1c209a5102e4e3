import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import { recordAudit } from "@/lib/audit/service";
import type { Database, Tx } from "@/lib/db/client";
import { prismaTransaction } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { priorityExpression } from "./ordering";
import { type TItemsAdd, type TOrdering, type TOrderingUpdate, ZOrdering } from "./schemas";

// Putting traces into a queue, and ordering them. An item is in a queue at most once
// (queue_items_target_once): duplicates are reported, not added. Every new item gets its N
// open slots in the same statement, and its traces are locked against later edits.

interface Pair {
  a: string;
  b: string | null;
}

const GROUP_COLUMN = { release: "release", promptVersion: "prompt_version" } as const;

/** Traces of `a` and `b` (a release or prompt version) that answered the same input, paired. */
async function groupPairs(tx: Tx, projectId: string, group: NonNullable<TItemsAdd["group"]>): Promise<Pair[]> {
  const column = GROUP_COLUMN[group.by];
  const filter = group.traceIds ? "AND ta.id = ANY($5::uuid[]) AND tb.id = ANY($5::uuid[])" : "";
  const params: unknown[] = [projectId, group.a, group.b, group.limit];
  if (group.traceIds) params.push(group.traceIds);
  return tx.$queryRawUnsafe<Pair[]>(
    `SELECT DISTINCT ON (ta.start_time, ta.id) ta.id AS a, tb.id AS b
       FROM traces ta JOIN traces tb ON tb.project_id = ta.project_id AND tb.input = ta.input AND tb.${column} = $3
      WHERE ta.project_id = $1::uuid AND ta.${column} = $2 AND ta.input IS NOT NULL ${filter}
      ORDER BY ta.start_time, ta.id, tb.start_time, tb.id
      LIMIT $4`,
    ...params,
  );
}

function wantedPairs(mode: "SINGLE" | "PAIRWISE", input: TItemsAdd): Pair[] | "group" {
  if (mode === "SINGLE") {
    if (!input.traceIds) throw new AppError("validation_failed", "A single-response queue takes traceIds", [{ path: "traceIds", message: "Give trace ids" }]);
    return input.traceIds.map((a) => ({ a, b: null }));
  }
  if (input.traceIds)
    throw new AppError("validation_failed", "A pairwise queue takes pairs or a group", [{ path: "traceIds", message: "Give pairs or group instead" }]);
  return input.pairs ? input.pairs.map((p) => ({ a: p.a, b: p.b })) : "group";
}

export async function addItems({ prisma: db }: Database, ctx: ProjectContext, queueId: string, input: TItemsAdd) {
  assertCan(ctx, "queues:manage");
  return prismaTransaction(
    db,
    async (tx) => {
      // Shares the queue row with other additions, excludes overlap changes meanwhile.
      const queues = await tx.$queryRawUnsafe<{ overlap: number; mode: "SINGLE" | "PAIRWISE"; ordering: unknown; status: string }[]>(
        `SELECT overlap, mode, ordering, status FROM queues WHERE project_id = $1::uuid AND id = $2::uuid FOR SHARE`,
        ctx.project.id,
        queueId,
      );
      const queue = queues[0];
      if (!queue) throw notFound("Queue");
      if (queue.status === "ARCHIVED") throw new AppError("queue_archived", "The queue is archived: bring it back before adding items");
      const wanted = wantedPairs(queue.mode, input);
      const pairs = wanted === "group" ? await groupPairs(tx, ctx.project.id, input.group!) : wanted;
      const ordering = ZOrdering.parse(queue.ordering);
      const priority = priorityExpression(ordering, 6);
      const rows = await tx.$queryRawUnsafe<{ a: string; b: string | null; added: boolean; known: boolean }[]>(
        `WITH wanted AS (SELECT w.a, w.b, w.n FROM unnest($3::uuid[], $4::uuid[]) WITH ORDINALITY AS w(a, b, n)),
         known AS (
           SELECT w.* FROM wanted w JOIN traces t ON t.project_id = $1::uuid AND t.id = w.a
            WHERE w.b IS NULL OR EXISTS (SELECT 1 FROM traces tb WHERE tb.project_id = $1::uuid AND tb.id = w.b)),
         ins AS (
           INSERT INTO queue_items (project_id, queue_id, trace_id, trace_b_id, priority)
           SELECT $1::uuid, $2::uuid, k.a, k.b, ${priority.sql}
             FROM known k JOIN traces t ON t.project_id = $1::uuid AND t.id = k.a ORDER BY k.n
           ON CONFLICT DO NOTHING
           RETURNING id, trace_id, trace_b_id, priority),
         slots AS (
           INSERT INTO queue_slots (project_id, queue_id, queue_item_id, priority)
           SELECT $1::uuid, $2::uuid, ins.id, ins.priority FROM ins CROSS JOIN generate_series(1, $5::int)),
         locked AS (
           UPDATE traces t SET locked_at = coalesce(t.locked_at, now())
            WHERE t.project_id = $1::uuid AND t.id IN (SELECT trace_id FROM ins UNION ALL SELECT trace_b_id FROM ins WHERE trace_b_id IS NOT NULL))
         SELECT w.a, w.b,
                EXISTS (SELECT 1 FROM ins WHERE ins.trace_id = w.a AND ins.trace_b_id IS NOT DISTINCT FROM w.b) AS added,
                EXISTS (SELECT 1 FROM known k WHERE k.n = w.n) AS known
           FROM wanted w ORDER BY w.n`,
        ctx.project.id,
        queueId,
        pairs.map((p) => p.a),
        pairs.map((p) => p.b),
        queue.overlap,
        ...priority.params,
      );
      // A pair or trace given twice in one request is added once and reported once as a duplicate.
      const seen = new Set<string>();
      const added: Pair[] = [];
      const duplicates: Pair[] = [];
      const missing: Pair[] = [];
      for (const r of rows) {
        const pair = { a: r.a, b: r.b };
        const key = `${r.a}/${r.b}`;
        if (!r.known) missing.push(pair);
        else if (r.added && !seen.has(key)) added.push(pair);
        else duplicates.push(pair);
        seen.add(key);
      }
      await recordAudit(tx, ctx.actor, {
        projectId: ctx.project.id,
        action: "queue.items.add",
        targetType: "queue",
        targetId: queueId,
        details: { added: added.length, duplicates: duplicates.length, missing: missing.length },
      });
      const view = (p: Pair) => (queue.mode === "SINGLE" ? { traceId: p.a } : { traceId: p.a, traceBId: p.b });
      return { added: added.length, duplicates: duplicates.map(view), missing: missing.map(view) };
    },
    { timeout: 120_000 },
  );
}

/** Recomputes every item's priority (and its open slots') under `ordering`, and stores the rule. */
export async function applyOrdering(tx: Tx, projectId: string, queueId: string, ordering: TOrdering): Promise<number> {
  const priority = priorityExpression(ordering, 3);
  const items = await tx.$executeRawUnsafe(
    `UPDATE queue_items i SET priority = ${priority.sql} FROM traces t
      WHERE i.project_id = $1::uuid AND i.queue_id = $2::uuid AND t.project_id = i.project_id AND t.id = i.trace_id`,
    projectId,
    queueId,
    ...priority.params,
  );
  await tx.$executeRawUnsafe(
    `UPDATE queue_slots s SET priority = i.priority FROM queue_items i
      WHERE s.project_id = $1::uuid AND s.queue_id = $2::uuid AND i.project_id = s.project_id AND i.id = s.queue_item_id AND s.priority <> i.priority`,
    projectId,
    queueId,
  );
  await tx.queue.update({ where: { projectId_id: { projectId, id: queueId } }, data: { ordering } });
  return items;
}

/** Sets a new order rule (or recomputes the current one, e.g. after new end-user scores). */
export async function reorderQueue({ prisma: db }: Database, ctx: ProjectContext, queueId: string, input: TOrderingUpdate) {
  assertCan(ctx, "queues:manage");
  return prismaTransaction(
    db,
    async (tx) => {
      const queue = await tx.queue.findUnique({ where: { projectId_id: { projectId: ctx.project.id, id: queueId } } });
      if (!queue) throw notFound("Queue");
      const ordering: TOrdering = input.ordering ?? ZOrdering.parse(queue.ordering);
      const items = await applyOrdering(tx, ctx.project.id, queueId, ordering);
      await recordAudit(tx, ctx.actor, { projectId: ctx.project.id, action: "queue.reorder", targetType: "queue", targetId: queueId, details: { ordering } });
      return { ordering, items };
    },
    { timeout: 120_000 },
  );
}
