import type pg from "pg";

// A finished queue for the agreement report's benchmark, written straight into the real
// tables in a few statements: `items` single-trace items, each labelled by the same three
// raters on a SCALE ordinal 1–5, a BINARY and a CATEGORICAL criterion (9 labels an item).
// Values come from hashes of the item and rater, so every run holds the same labels: raters
// mostly agree with an item's hidden truth, each criterion a little differently. Besides the
// raters, one ADMIN signs in to read the report.

export const PROJECT = "00000000-0000-4000-8000-000000000001";
export const QUEUE = "00000000-0000-4000-8000-000000000004";
export const READER = "00000000-0000-4000-9000-000000000000";
const VERSION = "00000000-0000-4000-8000-000000000003";
const RATERS = 3;
const TOPICS = ["billing", "account", "bug", "feature"];

const option = (value: string) => ({ value, label: value, description: "" });

// h(text) is a stable non-negative integer per text: hashtext is fixed across runs and servers.
const h = (text: string) => `abs(hashtext(${text}))`;

export async function seedAgreementQueue(client: pg.Client, items: number): Promise<{ labels: number }> {
  await client.query(`INSERT INTO projects (id, slug, name) VALUES ($1, 'bench', 'Bench')`, [PROJECT]);
  await client.query(
    `INSERT INTO users (id, email, name) SELECT ('00000000-0000-4000-9000-' || lpad(n::text, 12, '0'))::uuid,
            CASE n WHEN 0 THEN 'reader@bench.test' ELSE 'rater' || n || '@bench.test' END, CASE n WHEN 0 THEN 'Reader' ELSE 'Rater ' || n END
       FROM generate_series(0, $1) n`,
    [RATERS],
  );
  await client.query(`INSERT INTO memberships (project_id, user_id, role) SELECT $1, id, CASE WHEN id = $2 THEN 'ADMIN' ELSE 'EXPERT' END::"Role" FROM users`, [
    PROJECT,
    READER,
  ]);
  await client.query(`INSERT INTO rubrics (project_id, id, slug, name) VALUES ($1, '00000000-0000-4000-8000-000000000002', 'q', 'Quality')`, [PROJECT]);
  await client.query(`INSERT INTO rubric_versions (project_id, id, rubric_id) VALUES ($1, $2, '00000000-0000-4000-8000-000000000002')`, [PROJECT, VERSION]);
  // Configs as the rubric module stores them.
  const levels = [1, 2, 3, 4, 5].map((value) => ({ value, label: `L${value}`, description: `Level ${value}`, exemplars: [] }));
  await client.query(
    `INSERT INTO criteria (project_id, rubric_version_id, position, key, label, type, measurement_level, config) VALUES
       ($1, $2, 0, 'helpfulness', 'Helpfulness', 'SCALE', 'ORDINAL', $3),
       ($1, $2, 1, 'correct', 'Correct', 'BINARY', 'NOMINAL', $4),
       ($1, $2, 2, 'topic', 'Topic', 'CATEGORICAL', 'NOMINAL', $5)`,
    [
      PROJECT,
      VERSION,
      JSON.stringify({ min: 1, max: 5, levels }),
      JSON.stringify({ pass: { label: "Yes", description: "Correct" }, fail: { label: "No", description: "Wrong" } }),
      JSON.stringify({ options: TOPICS.map(option) }),
    ],
  );
  // Criteria are written while the version is a draft: a published version is frozen, and only it takes labels.
  await client.query(`UPDATE rubric_versions SET status = 'PUBLISHED', version = 1, published_at = now() WHERE project_id = $1 AND id = $2`, [
    PROJECT,
    VERSION,
  ]);
  await client.query(`INSERT INTO queues (project_id, id, name, rubric_version_id, overlap, blind) VALUES ($1, $2, 'Bench', $3, $4, true)`, [
    PROJECT,
    QUEUE,
    VERSION,
    RATERS,
  ]);
  await client.query(`INSERT INTO queue_members (project_id, queue_id, user_id) SELECT $1, $2, id FROM users WHERE id <> $3`, [PROJECT, QUEUE, READER]);
  await client.query(
    `INSERT INTO traces (project_id, external_id, name, input, output, start_time)
     SELECT $1, 't' || n, 'support-chat', jsonb_build_object('question', 'How do I share folder ' || n || '?'),
            jsonb_build_object('answer', 'Open the folder and choose Share.'), timestamp '2026-01-01' + n * interval '1 second'
       FROM generate_series(1, $2) n`,
    [PROJECT, items],
  );
  await client.query(
    `INSERT INTO queue_items (project_id, queue_id, trace_id, priority, status, submitted_count)
     SELECT project_id, $2, id, extract(epoch FROM start_time), 'COMPLETED', $3 FROM traces WHERE project_id = $1`,
    [PROJECT, QUEUE, RATERS],
  );
  await client.query(
    `INSERT INTO assignments (project_id, queue_item_id, queue_id, user_id, status, lease_expires_at, claimed_at, submitted_at)
     SELECT i.project_id, i.id, i.queue_id, u.id, 'SUBMITTED', now(), now() - interval '1 minute', now()
       FROM queue_items i CROSS JOIN users u WHERE i.queue_id = $1 AND u.id <> $2`,
    [QUEUE, READER],
  );
  // Per label: the item's truth (t) and how this rater departs from it (d), both from hashes.
  const { rowCount } = await client.query(
    `INSERT INTO scores (project_id, queue_item_id, name, data_type, number_value, text_value, rubric_version_id, criterion_id, source, rater_user_id)
     SELECT a.project_id, a.queue_item_id, c.key,
            CASE c.type WHEN 'SCALE' THEN 'NUMERIC' WHEN 'BINARY' THEN 'BOOLEAN' ELSE 'CATEGORICAL' END::"ScoreDataType",
            CASE c.type
              WHEN 'SCALE' THEN least(5, greatest(1, 1 + x.t % 5 + CASE x.d % 6 WHEN 0 THEN -1 WHEN 1 THEN 1 ELSE 0 END))
              WHEN 'BINARY' THEN ((x.t % 10 < 7) <> (x.d % 8 = 0))::int END,
            CASE WHEN c.type = 'CATEGORICAL' THEN ($3::text[])[1 + (x.t + (x.d % 5 = 0)::int) % 4] END,
            c.rubric_version_id, c.id, 'HUMAN', a.user_id
       FROM assignments a
       JOIN criteria c ON c.project_id = a.project_id AND c.rubric_version_id = $2
      CROSS JOIN LATERAL (SELECT ${h("a.queue_item_id::text || c.key")} AS t, ${h("a.queue_item_id::text || a.user_id::text || c.key")} AS d) x
      WHERE a.queue_id = $1`,
    [QUEUE, VERSION, TOPICS],
  );
  await client.query(`ANALYZE`);
  return { labels: rowCount ?? 0 };
}
