import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import type { Database } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { addItems } from "@/lib/queues/items";
import { traceIdsMatching } from "./query";
import { SELECTION_MAX, type TQueueSelection, type TQueueSelectionResult } from "./schemas";

// Sending traces from the explorer to an annotation queue. A selection is explicit ids or
// "all matching this filter", resolved to the ids that match at that moment: traces arriving
// later are not added behind the sender's back.

/** The queues a selection can go to: the project's queues that are not archived. */
export async function queueTargets({ prisma: db }: Database, ctx: ProjectContext) {
  assertCan(ctx, "queues:manage");
  return db.queue.findMany({
    where: { projectId: ctx.project.id, status: { not: "ARCHIVED" }, mode: "SINGLE" },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true },
  });
}

export async function addTracesToQueue(db: Database, ctx: ProjectContext, queueId: string, selection: TQueueSelection): Promise<TQueueSelectionResult> {
  assertCan(ctx, "queues:manage");
  const queue = await db.prisma.queue.findFirst({
    where: { projectId: ctx.project.id, id: queueId, status: { not: "ARCHIVED" } },
    select: { id: true, mode: true },
  });
  if (!queue) throw notFound("Queue");
  if (queue.mode !== "SINGLE") throw new AppError("conflict", "This queue compares pairs of traces; single traces cannot be added to it");

  const { found, missing } = await selectedTraceIds(db, ctx, selection);
  // The queue's own rule adds them: each trace once, its rater slots opened, its content frozen.
  const result = await addItems(db, ctx, queue.id, { traceIds: found });
  return { added: result.added, duplicates: result.duplicates.length, missing: missing + result.missing.length };
}

/**
 * The traces a selection names now: this project's, each once, in the order given (a filter's
 * in the explorer's order). `missing` counts ids from elsewhere or no longer there.
 */
export async function selectedTraceIds(db: Database, ctx: ProjectContext, selection: TQueueSelection): Promise<{ found: string[]; missing: number }> {
  assertCan(ctx, "traces:read");
  let ids: string[];
  if ("traceIds" in selection) {
    ids = [...new Set(selection.traceIds.map((id) => id.toLowerCase()))];
  } else {
    ids = await traceIdsMatching(db.prisma, ctx, selection.filter, SELECTION_MAX);
    if (ids.length > SELECTION_MAX) {
      throw new AppError("validation_failed", `More than ${SELECTION_MAX.toLocaleString("en")} traces match: narrow the filter`, [
        { path: "filter", message: "Too many traces match" },
      ]);
    }
  }
  // Only this project's traces: an id from elsewhere is counted as missing, never added.
  const rows = await db.prisma.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id FROM traces WHERE project_id = $1::uuid AND id = ANY($2::uuid[])`,
    ctx.project.id,
    ids,
  );
  const present = new Set(rows.map((r) => r.id));
  const found = ids.filter((id) => present.has(id));
  return { found, missing: ids.length - found.length };
}
