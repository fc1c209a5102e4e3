import type { Sql } from "@/lib/db/transaction";
import { type TNamedColumns, type TScoreColumns, jsonParameter, unnestParameters } from "./codec";

// The SQL texts on `scores` that other modules run: the labeling submit and revise (one
// statement each, for speed, called by lib/queues, which documents the submit's protocol),
// and the fragments other statements embed (trace filter, frozen-content check, queue
// order). Kept here so the table has one owner and "which revision is current" is written
// in one module.

// Locks are taken in the order every writer of a queue uses (queue, item, assignment, slot;
// see reconcileSlots). The queue's turn is its overlap lock, shared by `queue_overlap_in_force`
// (lib/queues/overlap-lock.ts), which then reads the overlap on a fresh snapshot: the one in
// force when the label lands, never a value from before a change of N committed meanwhile. Then the
// item, then the rater's assignment: a retried submit racing the original sees it SUBMITTED
// and counts nothing. The count happens only for a live assignment and below the overlap, and
// every write after it depends on it. The slot this label fills is the rater's own, else a
// free one, else one whose lease ran out, else (a late submit) one still leased to someone
// else, who will hear 409 if N is reached; a completed item gives up all its slots. A rater
// not assigned to the queue matches no item, and writes nothing.
const SUBMIT = `
WITH queue AS (
  SELECT x.overlap FROM (SELECT queue_overlap_in_force($1, $4) AS overlap) x WHERE x.overlap IS NOT NULL
),
item AS (
  SELECT i.id FROM queue_items i
   WHERE i.project_id = $1 AND i.id = $2 AND i.queue_id = $4 AND EXISTS (SELECT 1 FROM queue)
     AND EXISTS (SELECT 1 FROM queue_members m WHERE m.project_id = $1 AND m.queue_id = $4 AND m.user_id = $3)
     FOR NO KEY UPDATE
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

export interface SubmitParameters {
  projectId: string;
  itemId: string;
  userId: string;
  queueId: string;
  rubricVersionId: string;
  submissionId: string;
  rows: TNamedColumns[];
}

/** The whole submit in one statement: count the label under the overlap, fill a slot, write the labels, close the assignment. */
export function runSubmit(sql: Sql, p: SubmitParameters) {
  return sql.query(SUBMIT, [p.projectId, p.itemId, p.userId, p.queueId, p.rubricVersionId, p.submissionId, ...unnestParameters(p.rows)]);
}

/** The labels a submit first wrote (revision 1 of each), for answering a retried submit. */
export async function firstSubmittedLabels(sql: Sql, projectId: string, itemId: string, userId: string): Promise<{ id: string; name: string }[]> {
  const { rows } = await sql.query(
    `SELECT id, name FROM scores WHERE project_id = $1 AND queue_item_id = $2 AND rater_user_id = $3 AND supersedes_id IS NULL ORDER BY name`,
    [projectId, itemId, userId],
  );
  return rows;
}

// A revision retires the current row and appends a new one pointing at it; the data
// contract's scores_current_key keeps one current.
const REVISE = `
WITH old AS (
  UPDATE scores SET is_current = false
   WHERE project_id = $1 AND queue_item_id = $2 AND rater_user_id = $3 AND name = $4 AND is_current
  RETURNING id, revision)
INSERT INTO scores (project_id, queue_item_id, name, data_type, number_value, text_value, json_value, rubric_version_id, criterion_id, source, rater_user_id, revision, supersedes_id)
SELECT $1, $2, $4, $5::"ScoreDataType", $6, $7, $8::jsonb, $9, $10, 'HUMAN', $3, coalesce((SELECT revision FROM old), 0) + 1, (SELECT id FROM old)
RETURNING id, name, revision, supersedes_id AS "supersedesId"`;

export interface ReviseParameters {
  projectId: string;
  itemId: string;
  userId: string;
  rubricVersionId: string;
  name: string;
  criterionId: string;
  value: TScoreColumns;
}

/** Appends one revision of a rater's label on a queue item. */
export async function reviseLabel(sql: Sql, p: ReviseParameters): Promise<{ id: string; name: string; revision: number; supersedesId: string | null }> {
  const v = p.value;
  const { rows } = await sql.query(REVISE, [
    p.projectId,
    p.itemId,
    p.userId,
    p.name,
    v.dataType,
    v.numberValue,
    v.textValue,
    jsonParameter(v),
    p.rubricVersionId,
    p.criterionId,
  ]);
  return rows[0];
}

/** A placeholder for a parameter of the statement being built, with its cast. */
export type Param = (value: unknown, cast: string) => string;

/**
 * The trace explorer's score filter: a current score of that name on the trace `t` itself,
 * with that number, or that category text, when a value is given. `$1` is the project.
 */
export function currentScoreOnTrace(param: Param, name: string, value: string | undefined): string {
  const score = [`sc.project_id = $1::uuid`, `sc.trace_id = t.id`, `sc.is_current`, `sc.name = ${param(name, "text")}`];
  if (value !== undefined) {
    const number = Number(value);
    score.push(Number.isFinite(number) ? `sc.number_value = ${param(number, "float8")}` : `sc.text_value = ${param(value, "text")}`);
  }
  return `EXISTS (SELECT 1 FROM scores sc WHERE ${score.join(" AND ")})`;
}

/** Whether a person labelled the trace `t` through the API, which freezes its content. `$1` is the project. */
export const HUMAN_SCORE_ON_TRACE = `EXISTS (SELECT 1 FROM scores s WHERE s.project_id = $1 AND s.trace_id = t.id AND s.source = 'HUMAN')`;

/** The mean of the current scores named by parameter `$n` on the trace `t`, NULL when there are none. */
export const meanCurrentScore = (nameParam: number): string =>
  `(SELECT avg(sc.number_value) FROM scores sc WHERE sc.project_id = t.project_id AND sc.trace_id = t.id AND sc.name = $${nameParam} AND sc.is_current)`;

// A judge's result: the same judge version scoring the same target under the same name again
// (an explicit re-run) appends a revision, as a person's revision does.
const JUDGE_SCORE = `
WITH old AS (
  UPDATE scores SET is_current = false
   WHERE project_id = $1::uuid AND judge_version_id = $2::uuid AND name = $5 AND is_current
     AND trace_id IS NOT DISTINCT FROM $3::uuid AND queue_item_id IS NOT DISTINCT FROM $4::uuid AND span_id IS NULL
  RETURNING id, revision)
INSERT INTO scores (project_id, trace_id, queue_item_id, name, data_type, number_value, text_value, json_value, comment,
                    rubric_version_id, criterion_id, source, rater_name, rater_version, judge_version_id, revision, supersedes_id)
SELECT $1::uuid, $3::uuid, $4::uuid, $5, $6::"ScoreDataType", $7, $8, $9::jsonb, $10, $11::uuid, $12::uuid, 'LLM_JUDGE', $13, $14, $2::uuid,
       coalesce((SELECT revision FROM old), 0) + 1, (SELECT id FROM old)
RETURNING id, revision`;

/**
 * The insert of a statement storing many first results of one judge version at once:
 * `source` names a relation with the columns score_id, trace_id, queue_item_id, data_type,
 * number_value, text_value, json_value and comment, one row per target; `p` names the
 * statement's parameters for what the results share. A target that already has a current
 * score of this version refuses the whole statement (`scores_current_key`, 23505): the
 * caller then stores each result through writeJudgeScore, which appends a revision.
 */
export const insertFirstJudgeScores = (
  source: string,
  p: { projectId: string; judgeVersionId: string; name: string; rubricVersionId: string; criterionId: string; raterName: string; raterVersion: string },
) => `
INSERT INTO scores (id, project_id, trace_id, queue_item_id, name, data_type, number_value, text_value, json_value, comment,
                    rubric_version_id, criterion_id, source, rater_name, rater_version, judge_version_id)
SELECT s.score_id, ${p.projectId}, s.trace_id, s.queue_item_id, ${p.name}, s.data_type::"ScoreDataType", s.number_value, s.text_value, s.json_value, s.comment,
       ${p.rubricVersionId}, ${p.criterionId}, 'LLM_JUDGE', ${p.raterName}, ${p.raterVersion}, ${p.judgeVersionId}
  FROM ${source} s`;

export interface JudgeScoreParameters {
  projectId: string;
  judgeVersionId: string;
  /** The rater: the judge's name and `v<number>`. */
  judgeName: string;
  judgeVersion: number;
  /** A single trace's judgment is a score on the trace; a pairwise item's, on the queue item. */
  target: { traceId: string } | { queueItemId: string };
  /** The criterion key. */
  name: string;
  rubricVersionId: string;
  criterionId: string;
  value: TScoreColumns;
  /** The judge's rationale. */
  comment: string | null;
}

/** Stores one judge result as an LLM_JUDGE score; run it in the transaction that records the run item's result. */
export async function writeJudgeScore(sql: Sql, p: JudgeScoreParameters): Promise<{ id: string; revision: number }> {
  const v = p.value;
  const { rows } = await sql.query(JUDGE_SCORE, [
    p.projectId,
    p.judgeVersionId,
    "traceId" in p.target ? p.target.traceId : null,
    "queueItemId" in p.target ? p.target.queueItemId : null,
    p.name,
    v.dataType,
    v.numberValue,
    v.textValue,
    jsonParameter(v),
    p.comment,
    p.rubricVersionId,
    p.criterionId,
    p.judgeName,
    `v${p.judgeVersion}`,
  ]);
  return rows[0];
}
