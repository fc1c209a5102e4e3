import type { ProjectContext } from "../auth/context";
import { AppError, notFound } from "../errors";
import { MAX_DRAFT_BYTES, queueToLabel } from "./access";
import { loadCriteria, rowsOrThrow, scoreColumns } from "./criteria";
import type { TSubmit } from "./schemas";
import { type Sql, pgCode, withRetry } from "../db/transaction";

// Submitting an item's labels. The submitted count of the item grows by one in a conditional
// UPDATE that refuses to pass the queue's overlap: with the item row locked, concurrent
// submits on one item are counted one after another, so no item ever gets more than N labels,
// whichever app instance they reach (a trigger holds the same line under the application).
// The whole submit is one statement, so it is atomic without a transaction of many round trips.

export interface Submitted {
  itemId: string;
  assignmentId: string;
  submittedAt: Date;
  scores: { id: string; name: string }[];
  /** True when this answers a retry of a submit already recorded. */
  replayed: boolean;
}

// Locks are taken in the order every writer of a queue uses (queue, item, assignment, slot;
// see reconcileSlots). The queue row is shared with other submits but not with a change of N,
// so the overlap counted against is the one in force when the label lands, never a value from
// before a change committed meanwhile. Then the item, then the rater's assignment: a retried
// submit racing the original sees it SUBMITTED and counts nothing. The count happens only for a live
// assignment and below the overlap, and every write after it depends on it. The slot this label fills is the rater's
// own, else a free one, else one whose lease ran out, else (a late submit) one still leased to
// someone else, who will hear 409 if N is reached; a completed item gives up all its slots.
const SUBMIT = `
WITH queue AS (
  SELECT q.overlap FROM queues q WHERE q.project_id = $1 AND q.id = $4 FOR SHARE
),
item AS (
  SELECT i.id FROM queue_items i WHERE i.project_id = $1 AND i.id = $2 AND i.queue_id = $4 AND EXISTS (SELECT 1 FROM queue) FOR NO KEY UPDATE
),
assignment AS (
  SELECT a.id, a.status, a.submission_id, a.submitted_at
    FROM assignments a
   WHERE a.project_id = $1 AND a.queue_item_id = (SELECT id FROM item) AND a.user_id = $3
     FOR UPDATE
),
counted AS (
  UPDATE queue_items i
     SET submitted_count = i.submitted_count + 1,
         status = CASE WHEN i.submitted_count + 1 >= (SELECT overlap FROM queue) THEN 'COMPLETED'::"QueueItemStatus" ELSE i.status END
   WHERE i.project_id = $1 AND i.id = (SELECT id FROM item)
     AND i.status <> 'REMOVED' AND i.submitted_count < (SELECT overlap FROM queue)
     AND EXISTS (SELECT 1 FROM assignment WHERE status NOT IN ('SUBMITTED', 'SKIPPED'))
  RETURNING i.status
),
slot AS (
  DELETE FROM queue_slots s
   WHERE s.project_id = $1 AND s.queue_item_id = $2 AND EXISTS (SELECT 1 FROM counted)
     AND ((SELECT status FROM counted) = 'COMPLETED' OR s.id = (
       SELECT id FROM queue_slots WHERE project_id = $1 AND queue_item_id = $2
        ORDER BY (assignment_id = (SELECT id FROM assignment)) IS TRUE DESC, (lease_expires_at IS NULL OR lease_expires_at < now()) DESC, lease_expires_at
        LIMIT 1 FOR UPDATE))
),
inserted AS (
  INSERT INTO scores (project_id, queue_item_id, name, data_type, number_value, text_value, json_value, rubric_version_id, criterion_id, source, rater_user_id)
  SELECT $1, $2, x.name, x.data_type::"ScoreDataType", x.number_value, x.text_value, x.json_value, $5, x.criterion_id, 'HUMAN', $3
    FROM unnest($7::text[], $8::text[], $9::float8[], $10::text[], $11::jsonb[], $12::uuid[]) AS x(name, data_type, number_value, text_value, json_value, criterion_id)
   WHERE EXISTS (SELECT 1 FROM counted)
  RETURNING id, name
),
done AS (
  UPDATE assignments a SET status = 'SUBMITTED', submitted_at = now(), lease_expires_at = now(), submission_id = $6, draft = NULL
    FROM assignment x
   WHERE a.project_id = $1 AND a.id = x.id AND EXISTS (SELECT 1 FROM counted)
  RETURNING a.submitted_at
)
SELECT x.id AS "assignmentId", x.status, x.submission_id AS "submissionId", x.submitted_at AS "previouslySubmittedAt",
       (SELECT submitted_at FROM done) AS "submittedAt",
       coalesce((SELECT json_agg(json_build_object('id', id, 'name', name) ORDER BY name) FROM inserted), '[]'::json) AS scores
  FROM assignment x`;

interface SubmitRow {
  assignmentId: string;
  status: string;
  submissionId: string | null;
  previouslySubmittedAt: Date | null;
  submittedAt: Date | null;
  scores: { id: string; name: string }[];
}

export async function submitLabels(sql: Sql, ctx: ProjectContext, queueId: string, itemId: string, input: TSubmit): Promise<Submitted> {
  const queue = await queueToLabel(sql, ctx, queueId);
  const rows = rowsOrThrow(await loadCriteria(sql, ctx.project.id, queue.rubricVersionId), queue.mode, input.values, true);
  const projectId = ctx.project.id;
  // One statement, so a deadlock victim was rolled back whole and may simply run again.
  const result = await withRetry(() => sql.query(SUBMIT, [projectId, itemId, queue.userId, queueId, queue.rubricVersionId, input.submissionId, ...scoreColumns(rows)])).catch(
    (error) => {
      if (pgCode(error) === "23505") throw new AppError("conflict", "This submission id was already used for another item");
      throw error;
    },
  );
  const row = result.rows[0] as SubmitRow | undefined;
  if (!row) throw notFound("Item");
  if (row.submittedAt) return { itemId, assignmentId: row.assignmentId, submittedAt: row.submittedAt, scores: row.scores, replayed: false };
  if (row.status === "SUBMITTED") {
    if (row.submissionId !== input.submissionId) throw new AppError("already_submitted", "You already submitted this item: revise your labels instead");
    const scores = await sql.query(
      `SELECT id, name FROM scores WHERE project_id = $1 AND queue_item_id = $2 AND rater_user_id = $3 AND supersedes_id IS NULL ORDER BY name`,
      [projectId, itemId, queue.userId],
    );
    return { itemId, assignmentId: row.assignmentId, submittedAt: row.previouslySubmittedAt as Date, scores: scores.rows, replayed: true };
  }
  if (row.status === "SKIPPED") throw new AppError("conflict", "You skipped this item");
  // Refused at the overlap, but nothing the rater typed is lost: the values stay as the draft.
  // The client's own draft when it sent one (the screen reads it back as it left it). The
  // lease is given up: the item needs no more labels, and a held lease counts against the
  // rater's limit.
  const draft = JSON.stringify(input.draft ?? { values: input.values });
  const keep = Buffer.byteLength(draft) <= MAX_DRAFT_BYTES;
  await sql.query(
    `UPDATE assignments SET draft = CASE WHEN $4 THEN $3::jsonb ELSE draft END,
            status = CASE WHEN status = 'LEASED' THEN 'RELEASED' ELSE status END, lease_expires_at = least(lease_expires_at, now())
      WHERE project_id = $1 AND id = $2 AND status <> 'SUBMITTED'`,
    [projectId, row.assignmentId, keep ? draft : null, keep],
  );
  throw new AppError("overlap_reached", "This item already has all the labels it needs; your answers are kept as a draft");
}
