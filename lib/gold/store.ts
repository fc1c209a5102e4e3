import type { Tx } from "@/lib/db/client";
import type { Sql } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import { type TScoreColumns, type TSide, decodeValue, jsonParameter } from "@/lib/scores/codec";
import { revisedScoreIds } from "@/lib/scores/reads";
import type { TGold } from "./answers";

// `gold_labels` has one owner: this module. A settled label is appended like a score
// revision: the chain's current row (item, side, criterion, kind) is retired and the new one
// points at it, in one statement; the partial unique index `gold_labels_current_key` keeps one
// current row per chain even when two adjudicators save at once.

export interface GoldWrite {
  projectId: string;
  itemId: string;
  side: TSide | null;
  rubricVersionId: string;
  criterionId: string;
  criterionKey: string;
  kind: "ADJUDICATED" | "REFERENCE";
  columns: TScoreColumns;
  reason: string | null;
  author: { kind: "user" | "apiKey"; id: string };
  candidateLabelIds: string[];
}

const COLUMNS = `g.id, g.queue_item_id AS "itemId", g.side, g.criterion_id AS "criterionId", g.kind, g.data_type AS "dataType", g.number_value AS "numberValue",
  g.text_value AS "textValue", g.json_value AS "jsonValue", g.reason, g.author_user_id AS "authorUserId", g.author_api_key_id AS "authorApiKeyId",
  g.candidate_score_ids AS "candidateLabelIds", g.revision, g.created_at AS "createdAt"`;

interface Row {
  id: string;
  itemId: string;
  side: TSide | null;
  criterionId: string;
  kind: TGold["kind"];
  dataType: string;
  numberValue: number | null;
  textValue: string | null;
  jsonValue: unknown;
  reason: string | null;
  authorUserId: string | null;
  authorApiKeyId: string | null;
  candidateLabelIds: string[] | null;
  revision: number;
  createdAt: Date;
  criterionKey?: string;
}

function goldOf(row: Row, criterionKey: string, revised: ReadonlySet<string>): TGold {
  const candidates = row.candidateLabelIds ?? [];
  return {
    id: row.id,
    itemId: row.itemId,
    side: row.side,
    criterionId: row.criterionId,
    criterionKey,
    kind: row.kind,
    value: decodeValue(row),
    reason: row.reason,
    author: row.authorUserId ? { kind: "user", id: row.authorUserId } : { kind: "apiKey", id: row.authorApiKeyId! },
    candidateLabelIds: candidates,
    revision: row.revision,
    createdAt: new Date(row.createdAt).toISOString(),
    needsReview: candidates.some((id) => revised.has(id)),
  };
}

/** Appends a revision to the chain (a first one when there is none) and answers it. */
export async function appendGold(tx: Tx, write: GoldWrite): Promise<TGold> {
  const { columns } = write;
  try {
    const rows = await tx.$queryRawUnsafe<Row[]>(
      `WITH prev AS (
         UPDATE gold_labels SET is_current = false
          WHERE project_id = $1::uuid AND queue_item_id = $2::uuid AND side IS NOT DISTINCT FROM $3::text AND criterion_id = $4::uuid AND kind = $5::"GoldKind" AND is_current
         RETURNING id, revision)
       INSERT INTO gold_labels AS g (project_id, queue_item_id, side, rubric_version_id, criterion_id, kind, data_type, number_value, text_value, json_value,
                                     reason, author_user_id, author_api_key_id, candidate_score_ids, revision, supersedes_id)
       SELECT $1::uuid, $2::uuid, $3::text, $6::uuid, $4::uuid, $5::"GoldKind", $7::"ScoreDataType", $8::float8, $9::text, $10::jsonb,
              $11::text, $12::uuid, $13::uuid, $14::uuid[], coalesce((SELECT revision FROM prev), 0) + 1, (SELECT id FROM prev)
       RETURNING ${COLUMNS}`,
      write.projectId,
      write.itemId,
      write.side,
      write.criterionId,
      write.kind,
      write.rubricVersionId,
      columns.dataType,
      columns.numberValue,
      columns.textValue,
      jsonParameter(columns),
      write.reason,
      write.author.kind === "user" ? write.author.id : null,
      write.author.kind === "apiKey" ? write.author.id : null,
      write.candidateLabelIds,
    );
    return goldOf(rows[0], write.criterionKey, new Set());
  } catch (error) {
    if (String((error as { message?: string }).message ?? "").includes("gold_labels_current_key")) {
      throw new AppError("conflict", "This item was settled meanwhile: reload it and settle again");
    }
    throw error;
  }
}

/** The current gold of a queue's items (optionally some of them), each flagged when a label it was chosen among was revised since. */
export async function currentGold(sql: Sql, projectId: string, queueId: string, itemIds?: string[]): Promise<TGold[]> {
  const { rows } = await sql.query(
    `SELECT ${COLUMNS}, c.key AS "criterionKey"
       FROM gold_labels g JOIN queue_items i ON i.project_id = g.project_id AND i.id = g.queue_item_id
       JOIN criteria c ON c.project_id = g.project_id AND c.id = g.criterion_id
      WHERE g.project_id = $1 AND i.queue_id = $2 AND g.is_current AND ($3::uuid[] IS NULL OR g.queue_item_id = ANY($3::uuid[]))
      ORDER BY g.queue_item_id, c.key, g.side NULLS FIRST, g.kind`,
    [projectId, queueId, itemIds ?? null],
  );
  const revised = await revisedScoreIds(sql, projectId, [...new Set(rows.flatMap((r: Row) => r.candidateLabelIds ?? []))]);
  return rows.map((r: Row) => goldOf(r, r.criterionKey!, revised));
}

/** Every revision of one item's gold, oldest first: the history an adjudicator reads. */
export async function goldHistory(sql: Sql, projectId: string, itemId: string): Promise<TGold[]> {
  const { rows } = await sql.query(
    `SELECT ${COLUMNS}, c.key AS "criterionKey" FROM gold_labels g JOIN criteria c ON c.project_id = g.project_id AND c.id = g.criterion_id
      WHERE g.project_id = $1 AND g.queue_item_id = $2 ORDER BY g.created_at, g.revision`,
    [projectId, itemId],
  );
  const revised = await revisedScoreIds(sql, projectId, [...new Set(rows.flatMap((r: Row) => r.candidateLabelIds ?? []))]);
  return rows.map((r: Row) => goldOf(r, r.criterionKey!, revised));
}
