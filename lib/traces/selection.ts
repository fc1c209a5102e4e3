import type { ProjectContext } from "@/lib/auth/context";
import { assertCan } from "@/lib/auth/scopes";
import type { Db, Tx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { addItems } from "@/lib/queues/items";
import { traceIdsMatching } from "./query";
import { SELECTION_MAX, type TQueueSelection, type TQueueSelectionResult } from "./schemas";

// Sending traces from the explorer to an annotation queue. A selection is explicit ids or
// "all matching this filter", resolved to the ids that match at that moment: traces arriving
// later are not added behind the sender's back.

/** The queues a selection can go to: the project's queues that are not archived. */
export async function queueTargets(db: Tx, ctx: ProjectContext) {
  assertCan(ctx, "queues:manage");
  return db.queue.findMany({
    where: { projectId: ctx.project.id, status: { not: "ARCHIVED" }, mode: "SINGLE" },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true },
  });
}

export async function addTracesToQueue(db: Db, ctx: ProjectContext, queueId: string, selection: TQueueSelection): Promise<TQueueSelectionResult> {
  assertCan(ctx, "queues:manage");
  const projectId = ctx.project.id;
  const queue = await db.queue.findFirst({ where: { projectId, id: queueId, status: { not: "ARCHIVED" } }, select: { id: true, mode: true } });
  if (!queue) throw notFound("Queue");
  if (queue.mode !== "SINGLE") throw new AppError("conflict", "This queue compares pairs of traces; single traces cannot be added to it");

  let ids: string[];
  if ("traceIds" in selection) {
    ids = [...new Set(selection.traceIds.map((id) => id.toLowerCase()))];
  } else {
    ids = await traceIdsMatching(db, ctx, selection.filter, SELECTION_MAX);
    if (ids.length > SELECTION_MAX) {
      throw new AppError("validation_failed", `More than ${SELECTION_MAX.toLocaleString("en")} traces match: narrow the filter`, [
        { path: "filter", message: "Too many traces match" },
      ]);
    }
  }

  // Only this project's traces: an id from elsewhere is counted as missing, never added.
  const found = await db.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM traces WHERE project_id = $1::uuid AND id = ANY($2::uuid[])`, projectId, ids);
  // The queue's own rule adds them: each trace once, its rater slots opened, its content frozen.
  const result = await addItems(db, ctx, queue.id, { traceIds: found.map((r) => r.id) });
  return { added: result.added, duplicates: result.duplicates.length, missing: ids.length - found.length + result.missing.length };
}
