import { beforeAll, expect, it } from "vitest";
import * as exportRoute from "@/app/api/v1/datasets/[datasetId]/versions/[version]/export/route";
import * as versionsRoute from "@/app/api/v1/datasets/[datasetId]/versions/route";
import * as datasetsRoute from "@/app/api/v1/datasets/route";
import { contentOf, versionPagesSql } from "@/lib/datasets/versions";
import { pool } from "@/lib/db/client";
import { assayJsonl } from "@/lib/exports/datasets/assay-jsonl";
import { type TestProject, call, makeProject } from "@/tests/helpers/fixtures";

// The Assay JSONL export copies the stored JSON text instead of parsing and serializing every
// value: its bytes must be exactly what the encoder writes for the parsed items. Content chosen
// where the two could part: numbers as numeric stores them, escapes, non-ASCII, keys that
// JavaScript orders differently from jsonb (digits), empty and null values.

let project: TestProject;
beforeAll(async () => {
  project = await makeProject();
});

const TRICKY = [
  `'{"b": 1.0, "a": 1e-7, "ccc": 12345678901234567890, "dd": -0, "e": 1.5e300, "f": 0.1, "g": 100, "h": 1E2, "i": 2.50}'`,
  `'{"text": "ünïcödé \\" \\\\ \\n \\t \\u0001 \\u001f \\u007f \\u2028 😀 </script>", "k": [true, false, null, {"zz": 1, "a": 2, "bb": 3}]}'`,
  `'"plain string input"'`,
  `'[1, "two", [3, [4]], {"": "empty key", "\\u00e9": "accent key", "A": 1, "a": 2}]'`,
  `'{"messages": [{"role": "user", "content": "Hi,  spaced : text, with: colons"}]}'`,
  `'{"b": 1, "2": "two", "10": [{"01": 0, "x": 1}], "y": {"0": null}}'`,
];

it("writes the same bytes as the encoder over the parsed items", async () => {
  const created = await call(datasetsRoute.POST, { method: "POST", key: project.keys.FULL, body: { name: "bytes" } });
  const datasetId = created.json.id as string;
  await pool().query(
    `WITH src(n) AS (SELECT generate_series(0, 2999)),
          items AS (INSERT INTO dataset_items (project_id, dataset_id, portable_id) SELECT $1, $2, md5(n::text)::uuid FROM src RETURNING id, portable_id)
     INSERT INTO dataset_item_revisions (project_id, item_id, dataset_id, revision, input, expected_output, preference, metadata, splits, tags, exact, lineage, input_hash)
     SELECT $1, items.id, $2, 1,
            (ARRAY[${TRICKY.map((t) => `${t}::jsonb`).join(",")}])[1 + n % ${TRICKY.length}],
            CASE WHEN n % 7 = 0 THEN NULL WHEN n % 7 = 1 THEN '"exact text"'::jsonb ELSE jsonb_build_object('answer', 'Answer ' || n, 'score', n / 7.0) END,
            CASE WHEN n % 11 = 0 THEN jsonb_build_object('preferred', 'yes ' || n, 'rejected', jsonb_build_object('no', n)) END,
            CASE WHEN n % 3 = 0 THEN '{}'::jsonb ELSE jsonb_build_object('topic', 'topic-' || (n % 50), 'difficulty', n % 5, 'weight', n * 0.001) END,
            CASE WHEN n % 4 = 0 THEN ARRAY[]::text[] WHEN n % 4 = 1 THEN ARRAY['train', 'eval.hard'] ELSE ARRAY['test'] END,
            CASE WHEN n % 5 = 0 THEN ARRAY['a, b', 'quote"d', 'ünï'] ELSE ARRAY[]::text[] END,
            n % 2 = 0,
            CASE WHEN n % 6 = 0 THEN NULL ELSE jsonb_build_object('traceId', NULL, 'spanId', 's' || n, 'traceBId', NULL, 'queueId', NULL, 'queueItemId', NULL,
              'via', 'rule', 'gateOverride', NULL, 'redacted', NULL, 'addedAt', '2026-01-01T00:00:00.000Z',
              'labels', jsonb_build_array(jsonb_build_object('criterionKey', 'correct', 'rubricVersionId', NULL, 'value', jsonb_build_object('score', n % 5, 'note', 'ok'),
                'provenance', 'consensus', 'raters', jsonb_build_array('rater-1', 'rater-2'), 'adjudicated', n % 9 = 0))) END,
            md5(n::text)
       FROM items JOIN src ON md5(n::text)::uuid = items.portable_id`,
    [project.id, datasetId],
  );
  const published = await call(versionsRoute.POST, { method: "POST", key: project.keys.FULL, params: { datasetId }, body: {} });
  expect(published.status, published.text).toBe(201);
  const request = new Request(`http://assay.test/api/v1/datasets/${datasetId}/versions/1/export?format=jsonl`, {
    headers: { authorization: `Bearer ${project.keys.FULL}` },
  });
  const response = await exportRoute.GET(request, { params: Promise.resolve({ datasetId, version: "1" }) });
  expect(response.status).toBe(200);
  const exported = await response.text();
  const version = await pool().query<{ id: string }>(`SELECT id FROM dataset_versions WHERE project_id = $1 AND dataset_id = $2`, [project.id, datasetId]);
  let encoded = "";
  for await (const page of versionPagesSql(pool(), project.id, version.rows[0].id, null))
    for (const row of page) encoded += assayJsonl.item(contentOf(row), {} as never, 0);
  expect(exported.split("\n")).toHaveLength(3001);
  expect(exported).toContain(`"input":{"2":"two","10":[{"x":1,"01":0}],"b":1,"y":{"0":null}}`);
  expect(exported).toContain(`"input":{"a":1e-7,"b":1,`);
  expect(exported === encoded).toBe(true);
});
