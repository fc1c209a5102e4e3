import type { ProjectContext } from "../auth/context";
import { AppError, notFound } from "../errors";
import { queueToLabel } from "./access";
import { loadCriteria, rowsOrThrow, scoreColumns } from "./criteria";
import type { TSubmit } from "./schemas";
import { type Sql, pgCode, transaction } from "./sql";

// Submitting an item's labels. The submitted count of the item grows by one in a conditional
// UPDATE that refuses to pass the queue's overlap: with the item row locked, concurrent
// submits on one item are counted one after another, so no item ever gets more than N labels,
// whichever app instance they reach (a trigger holds the same line under the application).

export interface Submitted {
  itemId: string;
  assignmentId: string;
  submittedAt: Date;
  scores: { id: string; name: string }[];
  /** True when this answers a retry of a submit already recorded. */
  replayed: boolean;
}

const LOCK_ASSIGNMENT = `
SELECT a.id, a.status, a.submission_id AS "submissionId", a.submitted_at AS "submittedAt"
  FROM assignments a JOIN queue_items i ON i.project_id = a.project_id AND i.id = a.queue_item_id
 WHERE a.project_id = $1 AND a.queue_item_id = $2 AND a.user_id = $3 AND i.queue_id = $4
   FOR UPDATE OF a`;

const COUNT_LABEL = `
UPDATE queue_items i
   SET submitted_count = i.submitted_count + 1,
       status = CASE WHEN i.submitted_count + 1 >= q.overlap THEN 'COMPLETED'::"QueueItemStatus" ELSE i.status END
  FROM queues q
 WHERE i.project_id = $1 AND i.id = $2 AND q.project_id = i.project_id AND q.id = i.queue_id
   AND i.status <> 'REMOVED' AND i.submitted_count < q.overlap
RETURNING i.status`;

// The slot this label fills: the rater's own, else a free one, else one whose lease ran out,
// else (a late submit) one still leased to someone else, who will hear 409 if N is reached.
const TAKE_SLOT = `
DELETE FROM queue_slots WHERE project_id = $1 AND id = (
  SELECT id FROM queue_slots WHERE project_id = $1 AND queue_item_id = $2
   ORDER BY (assignment_id = $3) IS TRUE DESC, (lease_expires_at IS NULL OR lease_expires_at < now()) DESC, lease_expires_at
   LIMIT 1 FOR UPDATE)`;

const INSERT_SCORES = `
INSERT INTO scores (project_id, queue_item_id, name, data_type, number_value, text_value, json_value, rubric_version_id, criterion_id, source, rater_user_id)
SELECT $1, $2, x.name, x.data_type::"ScoreDataType", x.number_value, x.text_value, x.json_value, $3, x.criterion_id, 'HUMAN', $4
  FROM unnest($5::text[], $6::text[], $7::float8[], $8::text[], $9::jsonb[], $10::uuid[]) AS x(name, data_type, number_value, text_value, json_value, criterion_id)
RETURNING id, name`;

export async function submitLabels(sql: Sql, ctx: ProjectContext, queueId: string, itemId: string, input: TSubmit): Promise<Submitted> {
  const queue = await queueToLabel(sql, ctx, queueId);
  const rows = rowsOrThrow(await loadCriteria(sql, ctx.project.id, queue.rubricVersionId), queue.mode, input.values, true);
  const projectId = ctx.project.id;
  const outcome = await transaction(sql, async (c) => {
    const assignment = (await c.query(LOCK_ASSIGNMENT, [projectId, itemId, queue.userId, queueId])).rows[0];
    if (!assignment) throw notFound("Item");
    if (assignment.status === "SUBMITTED") {
      if (assignment.submissionId !== input.submissionId) throw new AppError("already_submitted", "You already submitted this item: revise your labels instead");
      const scores = await c.query(
        `SELECT id, name FROM scores WHERE project_id = $1 AND queue_item_id = $2 AND rater_user_id = $3 AND supersedes_id IS NULL ORDER BY name`,
        [projectId, itemId, queue.userId],
      );
      return { itemId, assignmentId: assignment.id, submittedAt: assignment.submittedAt, scores: scores.rows, replayed: true };
    }
    if (assignment.status === "SKIPPED") throw new AppError("conflict", "You skipped this item");
    const counted = await c.query(COUNT_LABEL, [projectId, itemId]);
    if (counted.rowCount === 0) {
      // Refused, but nothing the rater typed is lost: the values stay as the draft.
      await c.query(`UPDATE assignments SET draft = $3::jsonb WHERE project_id = $1 AND id = $2`, [projectId, assignment.id, JSON.stringify({ values: input.values })]);
      return null;
    }
    await c.query(TAKE_SLOT, [projectId, itemId, assignment.id]);
    if (counted.rows[0].status === "COMPLETED") await c.query(`DELETE FROM queue_slots WHERE project_id = $1 AND queue_item_id = $2`, [projectId, itemId]);
    const scores = await c.query(INSERT_SCORES, [projectId, itemId, queue.rubricVersionId, queue.userId, ...scoreColumns(rows)]);
    const done = await c.query(
      `UPDATE assignments SET status = 'SUBMITTED', submitted_at = now(), lease_expires_at = now(), submission_id = $3, draft = NULL
        WHERE project_id = $1 AND id = $2 RETURNING submitted_at AS "submittedAt"`,
      [projectId, assignment.id, input.submissionId],
    );
    return { itemId, assignmentId: assignment.id, submittedAt: done.rows[0].submittedAt, scores: scores.rows, replayed: false };
  }).catch((error) => {
    if (pgCode(error) === "23505") throw new AppError("conflict", "This submission id was already used for another item");
    throw error;
  });
  if (!outcome) throw new AppError("overlap_reached", "This item already has all the labels it needs; your answers are kept as a draft");
  return outcome;
}
