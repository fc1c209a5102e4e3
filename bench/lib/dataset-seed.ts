import type pg from "pg";
import { canonicalText } from "@/lib/datasets/content";
import { CONTENT_COLUMNS, type TContentRow, contentOf } from "@/lib/datasets/items";

// A golden dataset written straight into its tables, as fast as SQL allows: items with a chat
// input, an expected answer, metadata, a split and a lineage with one label, about 600 bytes
// of Assay JSONL each. Then the changes that make a second version: 1% of the items revised,
// 0.5% archived (each a new revision) and 0.5% added. Each revision then gets the canonical text
// the product writes with every revision, made by the product's own function.

const REVISION_COLUMNS = `project_id, item_id, dataset_id, revision, input, expected_output, metadata, splits, tags, lineage, archived, input_hash`;

const CONTENT = (n: string) => `
  jsonb_build_object('messages', jsonb_build_array(
    jsonb_build_object('role', 'system', 'content', 'You answer questions about orders, returns and invoices.'),
    jsonb_build_object('role', 'user', 'content', 'Question ' || ${n} || ': where is order ' || (${n} * 7919 % 1000003) || ' and when will it arrive?'))),
  jsonb_build_object('answer', 'Order ' || (${n} * 7919 % 1000003) || ' left the warehouse and arrives within 3 working days.'),
  jsonb_build_object('topic', 'topic-' || (${n} % 50), 'difficulty', ${n} % 5, 'source', 'bench'),
  CASE WHEN ${n} % 10 < 8 THEN ARRAY['train'] ELSE ARRAY['test'] END,
  ARRAY['bench'],
  jsonb_build_object('traceId', NULL, 'spanId', NULL, 'traceBId', NULL, 'queueId', NULL, 'queueItemId', NULL, 'via', 'api', 'gateOverride', NULL, 'redacted', NULL,
    'labels', jsonb_build_array(jsonb_build_object('criterionKey', 'correct', 'rubricVersionId', NULL, 'value', ${n} % 3 > 0,
      'provenance', 'consensus', 'raters', jsonb_build_array('rater-1', 'rater-2'), 'adjudicated', false)))`;

/** Items 1..count in one dataset, one revision each. */
export async function seedItems(client: pg.Client, projectId: string, datasetId: string, count: number): Promise<void> {
  await client.query(`INSERT INTO dataset_items (project_id, dataset_id, portable_id) SELECT $1, $2, gen_random_uuid() FROM generate_series(1, $3::int)`, [
    projectId,
    datasetId,
    count,
  ]);
  await client.query(
    `INSERT INTO dataset_item_revisions (${REVISION_COLUMNS})
     SELECT i.project_id, i.id, i.dataset_id, 1, ${CONTENT("i.n")}, false, md5(i.n::text)
       FROM (SELECT project_id, id, dataset_id, row_number() OVER (ORDER BY id) AS n FROM dataset_items WHERE project_id = $1 AND dataset_id = $2) i`,
    [projectId, datasetId],
  );
  await fillCanonical(client, projectId, datasetId);
}

/**
 * The canonical text of every revision written above, as the product writes it with a
 * revision (lib/datasets/items.ts), in one pass over them; the table is then rewritten, so
 * the reads measured find it as compact as if the text had been there from the start.
 */
async function fillCanonical(client: pg.Client, projectId: string, datasetId: string): Promise<void> {
  await client.query("BEGIN");
  // Revisions change only by appending; this fills a column the product fills at insert.
  await client.query("SET LOCAL session_replication_role = replica");
  await client.query(
    `DECLARE fill NO SCROLL CURSOR FOR
     SELECT r.id, ${CONTENT_COLUMNS} FROM dataset_item_revisions r JOIN dataset_items i ON i.project_id = r.project_id AND i.id = r.item_id
      WHERE r.project_id = $1 AND r.dataset_id = $2 AND r.canonical IS NULL`,
    [projectId, datasetId],
  );
  for (;;) {
    const { rows } = await client.query<TContentRow & { id: string }>("FETCH 5000 FROM fill");
    if (!rows.length) break;
    await client.query(
      `UPDATE dataset_item_revisions r SET canonical = u.text FROM unnest($2::uuid[], $3::text[]) AS u(id, text) WHERE r.project_id = $1 AND r.id = u.id`,
      [projectId, rows.map((r) => r.id), rows.map((r) => canonicalText(contentOf(r)))],
    );
  }
  await client.query("COMMIT");
  await client.query("VACUUM FULL ANALYZE dataset_item_revisions");
  await client.query("VACUUM ANALYZE dataset_items");
}

/** Revises every 100th item, archives every 200th (offset by 50), adds count/200 items. */
export async function changeItems(
  client: pg.Client,
  projectId: string,
  datasetId: string,
  count: number,
): Promise<{ edited: number; archived: number; added: number }> {
  await client.query("BEGIN");
  await client.query(
    `CREATE TEMP TABLE chosen ON COMMIT DROP AS
     SELECT *, n % 200 = 50 AS archive FROM (
       SELECT r.id, r.item_id, r.revision, r.input, r.expected_output, r.metadata, r.splits, r.tags, r.lineage, r.input_hash,
              row_number() OVER (ORDER BY r.item_id) AS n
         FROM dataset_item_revisions r WHERE r.project_id = $1 AND r.dataset_id = $2 AND r.is_current) picked
      WHERE n % 100 = 0 OR n % 200 = 50`,
    [projectId, datasetId],
  );
  await client.query(`UPDATE dataset_item_revisions r SET is_current = false FROM chosen c WHERE r.project_id = $1 AND r.id = c.id`, [projectId]);
  const next = await client.query<{ archived: boolean }>(
    `INSERT INTO dataset_item_revisions (${REVISION_COLUMNS})
     SELECT $1, c.item_id, $2, c.revision + 1, c.input,
            CASE WHEN c.archive THEN c.expected_output ELSE jsonb_build_object('answer', 'Revised: ' || (c.expected_output ->> 'answer')) END,
            c.metadata, c.splits, c.tags, c.lineage, c.archive, c.input_hash
       FROM chosen c
     RETURNING archived`,
    [projectId, datasetId],
  );
  const added = Math.round(count / 200);
  await client.query(
    `WITH items AS (
       INSERT INTO dataset_items (project_id, dataset_id, portable_id) SELECT $1, $2, gen_random_uuid() FROM generate_series(1, $3::int) RETURNING id)
     INSERT INTO dataset_item_revisions (${REVISION_COLUMNS})
     SELECT $1, i.id, $2, 1, ${CONTENT("i.n")}, false, md5('added' || i.n::text)
       FROM (SELECT id, $4::int + row_number() OVER (ORDER BY id) AS n FROM items) i`,
    [projectId, datasetId, added, count],
  );
  await client.query("COMMIT");
  await fillCanonical(client, projectId, datasetId);
  const archived = next.rows.filter((r) => r.archived).length;
  return { edited: next.rows.length - archived, archived, added };
}
