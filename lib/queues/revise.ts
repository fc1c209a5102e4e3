import type { ProjectContext } from "@/lib/auth/context";
import { AppError, notFound } from "@/lib/errors";
import { queueToLabel } from "./access";
import { loadCriteria, rowsOrThrow } from "./criteria";
import type { TRevise } from "./schemas";
import { type Sql, pgCode, transaction } from "@/lib/db/transaction";
import { reviseLabel } from "@/lib/scores/statements";

// A rater changing labels they submitted. Nothing is overwritten: each label gets a new
// revision (`reviseLabel`), checked against the queue's rubric version like a submit.

export async function reviseLabels(sql: Sql, ctx: ProjectContext, queueId: string, itemId: string, input: TRevise) {
  const queue = await queueToLabel(sql, ctx, queueId);
  const rows = rowsOrThrow(await loadCriteria(sql, ctx.project.id, queue.rubricVersionId), queue.mode, input.values, false);
  return transaction(sql, async (c) => {
    const { rows: found } = await c.query(
      `SELECT a.status FROM assignments a WHERE a.project_id = $1 AND a.queue_item_id = $2 AND a.user_id = $3 AND a.queue_id = $4 FOR UPDATE`,
      [ctx.project.id, itemId, queue.userId, queueId],
    );
    if (!found[0]) throw notFound("Item");
    if (found[0].status !== "SUBMITTED") throw new AppError("conflict", "Only submitted labels can be revised: submit first");
    const revised = [];
    for (const r of rows) {
      revised.push(
        await reviseLabel(c, {
          projectId: ctx.project.id,
          itemId,
          userId: queue.userId,
          rubricVersionId: queue.rubricVersionId,
          name: r.name,
          criterionId: r.criterionId,
          value: r.value,
        }),
      );
    }
    return { itemId, revised };
  }).catch((error) => {
    if (pgCode(error) === "23505") throw new AppError("conflict", "These labels were revised at the same moment elsewhere: reload and try again");
    throw error;
  });
}
