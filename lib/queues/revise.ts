import type { ProjectContext } from "../auth/context";
import { AppError, notFound } from "../errors";
import { queueToLabel } from "./access";
import { loadCriteria, rowsOrThrow } from "./criteria";
import type { TRevise } from "./schemas";
import { type Sql, pgCode, transaction } from "../db/transaction";

// A rater changing labels they submitted. Nothing is overwritten: the current row is retired
// and a new revision points at it (the data contract's scores_current_key keeps one current).

const REVISE = `
WITH old AS (
  UPDATE scores SET is_current = false
   WHERE project_id = $1 AND queue_item_id = $2 AND rater_user_id = $3 AND name = $4 AND is_current
  RETURNING id, revision)
INSERT INTO scores (project_id, queue_item_id, name, data_type, number_value, text_value, json_value, rubric_version_id, criterion_id, source, rater_user_id, revision, supersedes_id)
SELECT $1, $2, $4, $5::"ScoreDataType", $6, $7, $8::jsonb, $9, $10, 'HUMAN', $3, coalesce((SELECT revision FROM old), 0) + 1, (SELECT id FROM old)
RETURNING id, name, revision, supersedes_id AS "supersedesId"`;

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
      const v = r.value;
      const result = await c.query(REVISE, [
        ctx.project.id,
        itemId,
        queue.userId,
        r.name,
        v.dataType,
        v.numberValue,
        v.textValue,
        v.jsonValue === null ? null : JSON.stringify(v.jsonValue),
        queue.rubricVersionId,
        r.criterionId,
      ]);
      revised.push(result.rows[0]);
    }
    return { itemId, revised };
  }).catch((error) => {
    if (pgCode(error) === "23505") throw new AppError("conflict", "These labels were revised at the same moment elsewhere: reload and try again");
    throw error;
  });
}
