import { beforeAll, expect, it } from "vitest";
import * as itemRoute from "@/app/api/v1/datasets/[datasetId]/items/[itemId]/route";
import * as exportRoute from "@/app/api/v1/datasets/[datasetId]/versions/[version]/export/route";
import * as versionsRoute from "@/app/api/v1/datasets/[datasetId]/versions/route";
import * as datasetsRoute from "@/app/api/v1/datasets/route";
import { canonicalText, contentChecksum } from "@/lib/datasets/content";
import { CONTENT_COLUMNS, type TContentRow } from "@/lib/datasets/items";
import { importItemBatch } from "@/lib/datasets/items-import";
import { jsonlRow } from "@/lib/datasets/import-rows";
import { contentOf, versionPagesSql } from "@/lib/datasets/versions";
import { database, pool } from "@/lib/db/client";
import { type TestProject, call, makeProject } from "@/tests/helpers/fixtures";
import { contextFor } from "@/tests/helpers/queues";

// Every revision keeps its content's canonical JSON, written with it; publishing hashes that
// text and the Assay JSONL export writes it as the line. It must be exactly what canonicalizing
// the content read back gives, or checksums and exports would part from the content. Revisions
// without the text (written before revisions kept it, or redacted) are canonicalized when read.
// Content chosen where the two could part: numbers as numeric stores them, escapes, non-ASCII,
// keys that JavaScript orders differently from jsonb (digits), empty and null values, repeated
// splits and tags.

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

/** A version 4 UUID made from n, as the import's schema asks of a portable id. */
const PORTABLE_ID = `(substr(md5(n::text), 1, 12) || '4' || substr(md5(n::text), 14, 3) || '8' || substr(md5(n::text), 18))::uuid`;

async function exportText(datasetId: string, version: number) {
  const request = new Request(`http://assay.test/api/v1/datasets/${datasetId}/versions/${version}/export?format=jsonl`, {
    headers: { authorization: `Bearer ${project.keys.FULL}` },
  });
  const response = await exportRoute.GET(request, { params: Promise.resolve({ datasetId, version: String(version) }) });
  expect(response.status).toBe(200);
  return response.text();
}

const publish = async (datasetId: string) => {
  const published = await call(versionsRoute.POST, { method: "POST", key: project.keys.FULL, params: { datasetId }, body: {} });
  expect(published.status, published.text).toBe(201);
  return published.json as { id: string; checksum: string; itemCount: number };
};

/** Each revision of the dataset with its kept text and its content. */
async function revisions(datasetId: string) {
  const { rows } = await pool().query<TContentRow & { canonical: string | null; revisionId: string }>(
    `SELECT r.id AS "revisionId", r.canonical, ${CONTENT_COLUMNS} FROM dataset_item_revisions r JOIN dataset_items i ON i.project_id = r.project_id AND i.id = r.item_id
      WHERE r.project_id = $1 AND r.dataset_id = $2 ORDER BY i.portable_id, r.revision`,
    [project.id, datasetId],
  );
  return rows;
}

it("revisions written without the text, and the same content written by the product with it, give the same lines and checksum", async () => {
  const created = await call(datasetsRoute.POST, { method: "POST", key: project.keys.FULL, body: { name: "bytes" } });
  const datasetId = created.json.id as string;
  // Straight into the tables, without the text: as revisions written before revisions kept it.
  await pool().query(
    `WITH src(n) AS (SELECT generate_series(0, 2999)),
          items AS (INSERT INTO dataset_items (project_id, dataset_id, portable_id) SELECT $1, $2, ${PORTABLE_ID} FROM src RETURNING id, portable_id)
     INSERT INTO dataset_item_revisions (project_id, item_id, dataset_id, revision, input, expected_output, preference, metadata, splits, tags, exact, lineage, input_hash)
     SELECT $1, items.id, $2, 1,
            (ARRAY[${TRICKY.map((t) => `${t}::jsonb`).join(",")}])[1 + n % ${TRICKY.length}],
            CASE WHEN n % 7 = 0 THEN NULL WHEN n % 7 = 1 THEN '"exact text"'::jsonb ELSE jsonb_build_object('answer', 'Answer ' || n, 'score', n / 7.0) END,
            CASE WHEN n % 11 = 0 THEN jsonb_build_object('preferred', 'yes ' || n, 'rejected', jsonb_build_object('no', n)) END,
            CASE WHEN n % 3 = 0 THEN '{}'::jsonb ELSE jsonb_build_object('topic', 'topic-' || (n % 50), 'difficulty', n % 5, 'weight', n * 0.001) END,
            CASE WHEN n % 4 = 0 THEN ARRAY[]::text[] WHEN n % 4 = 1 THEN ARRAY['train', 'eval.hard', 'train'] ELSE ARRAY['test'] END,
            CASE WHEN n % 5 = 0 THEN ARRAY['a, b', 'quote"d', 'ünï'] ELSE ARRAY[]::text[] END,
            n % 2 = 0,
            CASE WHEN n % 6 = 0 THEN NULL ELSE jsonb_build_object('traceId', NULL, 'spanId', 's' || n, 'traceBId', NULL, 'queueId', NULL, 'queueItemId', NULL,
              'via', 'rule', 'gateOverride', NULL, 'redacted', NULL, 'addedAt', '2026-01-01T00:00:00.000Z', 'addedBy', 'user:x',
              'rule', jsonb_build_object('queueId', 'q', 'criteria', jsonb_build_array(jsonb_build_object('key', 'correct', 'values', jsonb_build_array(true)))),
              'gate', jsonb_build_object('passed', true, 'threshold', 0.667),
              'labels', jsonb_build_array(jsonb_build_object('criterionKey', 'correct', 'rubricVersionId', NULL, 'value', jsonb_build_object('score', n % 5, 'note', 'ok'),
                'provenance', 'consensus', 'raters', jsonb_build_array('rater-1', 'rater-2'), 'adjudicated', n % 9 = 0))) END,
            md5(n::text)
       FROM items JOIN src ON ${PORTABLE_ID} = items.portable_id`,
    [project.id, datasetId],
  );
  const v1 = await publish(datasetId);
  const exported = await exportText(datasetId, 1);
  const contents = [];
  for await (const page of versionPagesSql(pool(), project.id, v1.id, null)) for (const row of page) contents.push(contentOf(row));
  expect(exported.split("\n")).toHaveLength(3001);
  expect(exported).toBe(contents.map((c) => `${canonicalText(c)}\n`).join(""));
  expect(exported).toContain(`"input":{"10":[{"01":0,"x":1}],"2":"two","b":1,"y":{"0":null}}`);
  expect(exported).toContain(`"input":{"a":1e-7,"b":1,`);
  expect(exported).toContain(`"splits":["eval.hard","train"]`);
  expect(v1.checksum).toBe(contentChecksum(contents));

  // The same file imported into a second dataset: the product writes each revision's text.
  const again = await call(datasetsRoute.POST, { method: "POST", key: project.keys.FULL, body: { name: "bytes-again" } });
  const againId = again.json.id as string;
  const lines = exported.trimEnd().split("\n");
  const ctx = await contextFor(project, project.users.ENGINEER.id);
  for (let at = 0; at < lines.length; at += 1000) {
    const candidates = lines.slice(at, at + 1000).map((text, i) => {
      const row = jsonlRow(text, "00000000-0000-4000-8000-000000000001", at + i + 1);
      if (!("candidate" in row)) throw new Error(row.error.message);
      return row.candidate;
    });
    const { accepted } = await importItemBatch(database(), ctx, againId, candidates, "keep");
    expect(accepted).toBe(candidates.length);
  }
  const kept = await revisions(againId);
  expect(kept).toHaveLength(3000);
  for (const row of kept) expect(row.canonical, row.portableId).toBe(canonicalText(contentOf(row)));
  const v1Again = await publish(againId);
  expect(v1Again.checksum).toBe(v1.checksum);
  expect(await exportText(againId, 1)).toBe(exported);

  // A revision appended by the product keeps its text too, and the next version hashes it.
  const first = kept[0];
  const itemId = (
    await pool().query<{ id: string }>(`SELECT id FROM dataset_items WHERE project_id = $1 AND dataset_id = $2 AND portable_id = $3`, [
      project.id,
      againId,
      first.portableId,
    ])
  ).rows[0].id;
  const revised = await call(itemRoute.PATCH, {
    method: "PATCH",
    key: project.keys.FULL,
    params: { datasetId: againId, itemId },
    body: { metadata: { "10": 1, "2": [0.1, -0], é: "accent" }, tags: ["z", "a", "z"] },
  });
  expect(revised.status, revised.text).toBe(200);
  const after = (await revisions(againId)).filter((r) => r.portableId === first.portableId);
  expect(after).toHaveLength(2);
  expect(after[1].canonical).toBe(canonicalText(contentOf(after[1])));
  expect(after[1].canonical).toContain(`"metadata":{"10":1,"2":[0.1,0],"é":"accent"}`);
  expect(after[1].canonical).toContain(`"tags":["a","z"]`);
  const v2 = await publish(againId);
  const v2Contents = [];
  for await (const page of versionPagesSql(pool(), project.id, v2.id, null)) for (const row of page) v2Contents.push(contentOf(row));
  expect(v2.checksum).toBe(contentChecksum(v2Contents));
  expect(v2.checksum).not.toBe(v1.checksum);
});
