import { parse as parseCsv } from "csv-parse/sync";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import * as itemRoute from "@/app/api/v1/datasets/[datasetId]/items/[itemId]/route";
import * as itemsRoute from "@/app/api/v1/datasets/[datasetId]/items/route";
import * as tagRoute from "@/app/api/v1/datasets/[datasetId]/tags/[tag]/route";
import * as exportRoute from "@/app/api/v1/datasets/[datasetId]/versions/[version]/export/route";
import * as versionsRoute from "@/app/api/v1/datasets/[datasetId]/versions/route";
import * as datasetsRoute from "@/app/api/v1/datasets/route";
import { contentChecksum } from "@/lib/datasets/content";
import { pool } from "@/lib/db/client";
import { parseAssayLine } from "@/lib/exports/datasets/assay-jsonl";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";

// Golden datasets over the API with real keys on a real Postgres: items added in batches with
// per-item results, revisions appended, versions frozen by the database, tags, and exports
// whose checksum survives the round trip.

let project: TestProject;
beforeAll(async () => {
  project = await makeProject();
});

async function newDataset(extra: Record<string, unknown> = {}) {
  const created = await call(datasetsRoute.POST, { method: "POST", key: project.keys.FULL, body: { name: unique("golden"), ...extra } });
  expect(created.status).toBe(201);
  return created.json as { id: string; name: string };
}

const add = (datasetId: string, items: unknown[], duplicates?: "skip" | "keep") =>
  call(itemsRoute.POST, { method: "POST", key: project.keys.FULL, params: { datasetId }, body: { items, ...(duplicates ? { duplicates } : {}) } });

const publish = (datasetId: string, note = "") => call(versionsRoute.POST, { method: "POST", key: project.keys.FULL, params: { datasetId }, body: { note } });

/** A download as its bytes and headers (NDJSON and YAML are not one JSON value, so not through `call`). */
async function download(datasetId: string, version: string, query: string) {
  const request = new Request(`http://assay.test/api/v1/datasets/${datasetId}/versions/${version}/export?${query}`, {
    headers: { authorization: `Bearer ${project.keys.FULL}` },
  });
  const response = await exportRoute.GET(request, { params: Promise.resolve({ datasetId, version }) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe("datasets", () => {
  it("gives datasets names unique in the project, and refuses keys without the scope", async () => {
    const dataset = await newDataset({ description: "What the bot must get right" });
    const again = await call(datasetsRoute.POST, { method: "POST", key: project.keys.FULL, body: { name: dataset.name } });
    expect(again.status).toBe(409);
    const ingest = await call(datasetsRoute.GET, { key: project.keys.INGEST });
    expect(ingest.status).toBe(403);
    const listed = await call(datasetsRoute.GET, { key: project.keys.FULL });
    expect(listed.json.datasets.map((d: { name: string }) => d.name)).toContain(dataset.name);
    const badSchema = await call(datasetsRoute.POST, {
      method: "POST",
      key: project.keys.FULL,
      body: { name: unique("bad"), inputSchema: { type: "no-such-type" } },
    });
    expect(badSchema.status).toBe(422);
    expect(badSchema.json.errors[0].path).toBe("inputSchema");
  });

  it("answers each item of a batch on its own: added, rejected with the failing path, duplicates pointed out", async () => {
    const dataset = await newDataset({ expectedSchema: { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] } });
    const first = await add(dataset.id, [
      { input: "How do I reset my password?", expectedOutput: { answer: "Use the link on the sign-in page." }, splits: ["test"] },
      { input: "Where is my invoice?", expectedOutput: { answer: 42 } },
      { expectedOutput: { answer: "no input" } },
      { input: "how do i RESET my password", expectedOutput: { answer: "Same question, other spelling." } },
      { input: "Bad split", splits: ["not a split!"] },
    ]);
    expect(first.status).toBe(207);
    const results = first.json.results;
    expect(results.map((r: { status: string }) => r.status)).toEqual(["added", "rejected", "rejected", "duplicate", "rejected"]);
    expect(results[1].errors).toEqual([{ path: "expectedOutput.answer", message: "must be string" }]);
    expect(results[2].errors[0].path).toBe("input");
    expect(results[3].duplicateOf).toBe(results[0].portableId);
    expect(results[4].errors[0].path).toBe("splits.0");
    expect(first.json).toMatchObject({ added: 1, duplicates: 1, rejected: 3 });

    const kept = await add(dataset.id, [{ input: "How do I reset my password??", expectedOutput: { answer: "Kept on purpose." } }], "keep");
    expect(kept.json.results[0]).toMatchObject({ status: "added", duplicateOf: results[0].portableId });
    const sameId = await add(dataset.id, [{ portableId: results[0].portableId, input: "Another", expectedOutput: { answer: "x" } }]);
    expect(sameId.json.results[0]).toMatchObject({ status: "rejected", code: "conflict" });
  });

  it("changes an item only by appending a revision, the earlier one kept as it was", async () => {
    const dataset = await newDataset();
    const added = await add(dataset.id, [{ input: "Capital of France?", expectedOutput: "Paris", exact: true, splits: ["test"] }]);
    const itemId = added.json.results[0].itemId;
    const revised = await call(itemRoute.PATCH, {
      method: "PATCH",
      key: project.keys.FULL,
      params: { datasetId: dataset.id, itemId },
      body: { expectedOutput: "Paris, France", tags: ["geo"] },
    });
    expect(revised.status).toBe(200);
    expect(revised.json).toMatchObject({ revision: 2, expectedOutput: "Paris, France", tags: ["geo"], splits: ["test"], exact: true });
    const { rows } = await pool().query(
      `SELECT revision, expected_output AS "expectedOutput", is_current AS "isCurrent" FROM dataset_item_revisions WHERE item_id = $1 ORDER BY revision`,
      [itemId],
    );
    expect(rows).toEqual([
      { revision: 1, expectedOutput: "Paris", isCurrent: false },
      { revision: 2, expectedOutput: "Paris, France", isCurrent: true },
    ]);
    await expect(pool().query(`UPDATE dataset_item_revisions SET expected_output = '"Lyon"' WHERE item_id = $1 AND revision = 1`, [itemId])).rejects.toThrow(
      /cannot change: append a new revision/,
    );
    const listed = await call(itemsRoute.GET, {
      key: project.keys.FULL,
      params: { datasetId: dataset.id },
      path: `/api/v1/datasets/${dataset.id}/items?limit=10`,
    });
    expect(listed.json.items).toHaveLength(1);
    expect(listed.json.items[0].revision).toBe(2);
  });

  it("publishes a version the database then refuses to change, with the checksum of its content and counts per split", async () => {
    const dataset = await newDataset();
    await add(dataset.id, [
      { input: "One", expectedOutput: "1", splits: ["train", "test"] },
      { input: "Two", expectedOutput: "2", splits: ["test"] },
      { input: "Three", expectedOutput: "3" },
    ]);
    const v1 = await publish(dataset.id, "first cut");
    expect(v1.status).toBe(201);
    expect(v1.json).toMatchObject({ number: 1, note: "first cut", itemCount: 3, splitCounts: { train: 1, test: 2 } });
    const exported = await download(dataset.id, "1", "format=jsonl");
    expect(exported.headers.get("x-assay-checksum")).toBe(v1.json.checksum);
    const items = exported.text.trimEnd().split("\n").map(parseAssayLine);
    expect(items).toHaveLength(3);
    expect(contentChecksum(items)).toBe(v1.json.checksum);

    await expect(pool().query(`UPDATE dataset_versions SET note = 'changed' WHERE id = $1`, [v1.json.id])).rejects.toThrow(/published and cannot change/);
    await expect(pool().query(`DELETE FROM dataset_versions WHERE id = $1`, [v1.json.id])).rejects.toThrow(/published and cannot be removed/);
    await expect(pool().query(`DELETE FROM dataset_version_items WHERE version_id = $1`, [v1.json.id])).rejects.toThrow(/published and cannot change/);
    // An edit and an addition make v2; v1 still exports exactly what it froze.
    const listed = await call(itemsRoute.GET, { key: project.keys.FULL, params: { datasetId: dataset.id }, path: `/api/v1/datasets/${dataset.id}/items` });
    const one = listed.json.items.find((i: { input: string }) => i.input === "One");
    await call(itemRoute.PATCH, {
      method: "PATCH",
      key: project.keys.FULL,
      params: { datasetId: dataset.id, itemId: one.id },
      body: { expectedOutput: "uno" },
    });
    // A revision v1 does not hold yet, so what refuses it is the freeze, not the primary key.
    const [{ id: revisionId }] = (await pool().query(`SELECT id FROM dataset_item_revisions WHERE dataset_id = $1 AND revision = 2`, [dataset.id])).rows;
    await expect(
      pool().query(`INSERT INTO dataset_version_items (project_id, version_id, revision_id) VALUES ($1, $2, $3)`, [project.id, v1.json.id, revisionId]),
    ).rejects.toThrow(/published and cannot change/);
    await expect(pool().query(`UPDATE dataset_version_items SET revision_id = revision_id WHERE version_id = $1`, [v1.json.id])).rejects.toThrow(
      /published and cannot change/,
    );
    await expect(pool().query(`TRUNCATE dataset_version_items`)).rejects.toThrow(/cannot be removed/);
    // Items join only a version of their own transaction, and only revisions of its dataset's items.
    const client = await pool().connect();
    try {
      await client.query("BEGIN");
      const [fresh] = (
        await client.query(
          `INSERT INTO dataset_versions (project_id, dataset_id, number, checksum, item_count, split_counts) VALUES ($1, $2, 99, 'x', 1, '{}') RETURNING id`,
          [project.id, dataset.id],
        )
      ).rows;
      const join = (values: string, params: unknown[]) =>
        client.query(`INSERT INTO dataset_version_items (project_id, version_id, revision_id) VALUES ${values}`, params);
      await client.query("SAVEPOINT mixed");
      // One statement adding to the new version and to a published one is refused whole.
      await expect(join("($1, $2, $3), ($1, $4, $3)", [project.id, fresh.id, revisionId, v1.json.id])).rejects.toThrow(/published and cannot change/);
      await client.query("ROLLBACK TO SAVEPOINT mixed");
      await expect(join("($1, $2, gen_random_uuid())", [project.id, fresh.id])).rejects.toThrow(/is not a revision of an item of the version's dataset/);
      await client.query("ROLLBACK TO SAVEPOINT mixed");
      // A revision that exists, of another dataset's item, among the version's own.
      const elsewhere = await newDataset();
      const foreignItem = (await add(elsewhere.id, [{ input: "Elsewhere" }])).json.results[0].itemId;
      const { rows: foreign } = await pool().query(`SELECT id FROM dataset_item_revisions WHERE item_id = $1`, [foreignItem]);
      await expect(join("($1, $2, $3), ($1, $2, $4)", [project.id, fresh.id, revisionId, foreign[0].id])).rejects.toThrow(
        new RegExp(`${foreign[0].id} is not a revision of an item of the version's dataset`),
      );
      await client.query("ROLLBACK TO SAVEPOINT mixed");
      await expect(join("($1, gen_random_uuid(), $2)", [project.id, revisionId])).rejects.toThrow(/dataset version .* does not exist/);
      await client.query("ROLLBACK TO SAVEPOINT mixed");
      await join("($1, $2, $3)", [project.id, fresh.id, revisionId]);
      expect((await client.query(`SELECT count(*)::int AS n FROM dataset_version_items WHERE version_id = $1`, [fresh.id])).rows[0].n).toBe(1);
      // The transaction making a version writes its checksum and counts last; its number stays.
      await client.query(`UPDATE dataset_versions SET checksum = 'y', item_count = 1 WHERE id = $1`, [fresh.id]);
      await expect(client.query(`UPDATE dataset_versions SET number = 98 WHERE id = $1`, [fresh.id])).rejects.toThrow(/published and cannot change/);
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
    await add(dataset.id, [{ input: "Four", expectedOutput: "4", splits: ["test"] }]);
    const v2 = await publish(dataset.id);
    expect(v2.json).toMatchObject({ number: 2, itemCount: 4 });
    expect(v2.json.checksum).not.toBe(v1.json.checksum);
    const again = await download(dataset.id, "1", "format=jsonl");
    expect(again.text).toBe(exported.text);
  });

  it("refuses to publish items that no longer match the dataset's schema, listing them", async () => {
    const dataset = await newDataset();
    await add(dataset.id, [{ input: "Free text", expectedOutput: "fine" }]);
    const patched = await call((await import("@/app/api/v1/datasets/[datasetId]/route")).PATCH, {
      method: "PATCH",
      key: project.keys.FULL,
      params: { datasetId: dataset.id },
      body: { inputSchema: { type: "object" } },
    });
    expect(patched.status).toBe(200);
    const refused = await publish(dataset.id);
    expect(refused.status).toBe(422);
    expect(refused.json.errors[0].path).toMatch(/^items\.[0-9a-f-]{36}\.input$/);
    const empty = await newDataset();
    expect((await publish(empty.id)).status).toBe(409);
  });

  it("resolves a tag wherever a version is asked for, and audits its moves", async () => {
    const dataset = await newDataset();
    await add(dataset.id, [{ input: "A", expectedOutput: "a", splits: ["test"] }]);
    await publish(dataset.id);
    await add(dataset.id, [{ input: "B", expectedOutput: "b", splits: ["dev"] }]);
    await publish(dataset.id);
    const moved = await call(tagRoute.PUT, { method: "PUT", key: project.keys.FULL, params: { datasetId: dataset.id, tag: "prod" }, body: { version: 1 } });
    expect(moved.json).toMatchObject({ number: 1, tags: ["prod"] });
    expect((await download(dataset.id, "prod", "format=jsonl")).text.trimEnd().split("\n")).toHaveLength(1);
    await call(tagRoute.PUT, { method: "PUT", key: project.keys.FULL, params: { datasetId: dataset.id, tag: "prod" }, body: { version: 2 } });
    expect((await download(dataset.id, "prod", "format=jsonl")).text.trimEnd().split("\n")).toHaveLength(2);
    const numeric = await call(tagRoute.PUT, { method: "PUT", key: project.keys.FULL, params: { datasetId: dataset.id, tag: "3" }, body: { version: 2 } });
    expect(numeric.status).toBe(422);
    const { rows } = await pool().query(`SELECT details FROM audit_events WHERE action = 'dataset.tag' AND target_id = $1 ORDER BY created_at`, [dataset.id]);
    expect(rows.map((r) => r.details)).toEqual([
      { tag: "prod", from: null, to: 1 },
      { tag: "prod", from: 1, to: 2 },
    ]);
    expect((await download(dataset.id, "nope", "format=jsonl")).status).toBe(404);
  });

  it("exports a split in each format, CSV cells neutralized", async () => {
    const dataset = await newDataset();
    await add(dataset.id, [
      { input: "=cmd|' /C calc'!A0", expectedOutput: "+1", splits: ["test"] },
      { input: "Kept out of the test split", expectedOutput: "x", splits: ["train"] },
    ]);
    await publish(dataset.id);
    const csv = await download(dataset.id, "1", "format=csv&split=test");
    const rows = parseCsv(csv.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0].input).toBe("'=cmd|' /C calc'!A0");
    expect(rows[0].expectedOutput).toBe("'+1");
    for (const format of ["openai-chat", "openai-evals", "mlflow", "promptfoo", "promptfoo-json", "hf"]) {
      const answer = await download(dataset.id, "1", `format=${format}&split=test`);
      expect(answer.status, format).toBe(200);
      expect(answer.headers.get("content-disposition")).toContain(`-v1-test`);
    }
    const bad = await download(dataset.id, "1", "format=xml");
    expect(bad.status).toBe(422);
  });

  it("puts the items in no split into the Hugging Face zip's unsplit file, and only those", async () => {
    const dataset = await newDataset();
    await add(dataset.id, [
      { input: "In test", expectedOutput: "t", splits: ["test"] },
      { input: "In no split", expectedOutput: "n" },
      { input: "In train and test", expectedOutput: "b", splits: ["train", "test"] },
    ]);
    await publish(dataset.id);
    const request = new Request(`http://assay.test/api/v1/datasets/${dataset.id}/versions/1/export?format=hf`, {
      headers: { authorization: `Bearer ${project.keys.FULL}` },
    });
    const response = await exportRoute.GET(request, { params: Promise.resolve({ datasetId: dataset.id, version: "1" }) });
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const inputs = (name: string) =>
      strFromU8(files[`data/${name}.jsonl`])
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).input)
        .sort();
    expect(Object.keys(files).sort()).toEqual(["README.md", "data/test.jsonl", "data/train.jsonl", "data/unsplit.jsonl"]);
    expect(inputs("unsplit")).toEqual(["In no split"]);
    expect(inputs("test")).toEqual(["In test", "In train and test"]);
  });
});
