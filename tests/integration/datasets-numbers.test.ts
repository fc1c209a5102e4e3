import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as fromTracesRoute from "@/app/api/v1/datasets/[datasetId]/from-traces/route";
import * as itemRoute from "@/app/api/v1/datasets/[datasetId]/items/[itemId]/route";
import * as itemsRoute from "@/app/api/v1/datasets/[datasetId]/items/route";
import * as exportRoute from "@/app/api/v1/datasets/[datasetId]/versions/[version]/export/route";
import * as versionsRoute from "@/app/api/v1/datasets/[datasetId]/versions/route";
import * as datasetsRoute from "@/app/api/v1/datasets/route";
import { importItemBatch } from "@/lib/datasets/items-import";
import { jsonlRow } from "@/lib/datasets/import-rows";
import { database, pool } from "@/lib/db/client";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";
import { contextFor, makeTraces } from "@/tests/helpers/queues";

// JSON numbers beyond the range of a double (1e400) are valid JSON and jsonb keeps them, but
// JavaScript reads them as Infinity and RFC 8785 (the checksum's canonical JSON) has no text for
// them. Every way in refuses them naming the path, and publishing lists an item that holds one
// among its refusals instead of failing.

let project: TestProject;
beforeAll(async () => {
  project = await makeProject();
});

async function newDataset() {
  const created = await call(datasetsRoute.POST, { method: "POST", key: project.keys.FULL, body: { name: unique("numbers") } });
  expect(created.status).toBe(201);
  return created.json.id as string;
}

/** A batch sent as raw text: JSON.stringify would turn Infinity into null before it left. */
const addRaw = (datasetId: string, items: string) =>
  call(itemsRoute.POST, { method: "POST", key: project.keys.FULL, params: { datasetId }, rawBody: `{"items": [${items}]}` });

const publish = (datasetId: string) => call(versionsRoute.POST, { method: "POST", key: project.keys.FULL, params: { datasetId }, body: { note: "" } });

describe("numbers beyond the range of a double", () => {
  it("lists a stored item holding one among the publish refusals, with its path, instead of failing", async () => {
    const datasetId = await newDataset();
    const added = await call(itemsRoute.POST, { method: "POST", key: project.keys.FULL, params: { datasetId }, body: { items: [{ input: "untouched" }] } });
    expect(added.status).toBe(207);
    // Written before the refusal existed, or straight into the database: jsonb keeps 1e400.
    const portableId = randomUUID();
    const { rows } = await pool().query<{ id: string }>(
      `WITH i AS (INSERT INTO dataset_items (project_id, dataset_id, portable_id) VALUES ($1, $2, $3) RETURNING id)
       INSERT INTO dataset_item_revisions (project_id, item_id, dataset_id, revision, input, metadata, splits, tags, exact, input_hash)
       SELECT $1, i.id, $2, 1, '{"x": 1e400, "y": "fine"}'::jsonb, '{"deep": [1, -1e999]}'::jsonb, '{}', '{}', false, 'stored' FROM i
       RETURNING item_id AS id`,
      [project.id, datasetId, portableId],
    );
    const refused = await publish(datasetId);
    expect(refused.status, refused.text).toBe(422);
    expect(refused.json.code).toBe("validation_failed");
    expect(refused.json.detail).toMatch(/^1 item cannot be published/);
    expect(refused.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([`items.${portableId}.input.x`, `items.${portableId}.metadata.deep.1`]);
    expect(refused.json.errors[0].message).toMatch(/beyond the range of a double/);

    // A revision carrying the number over is refused too; one replacing it lets the dataset publish.
    const revise = (body: Record<string, unknown>) =>
      call(itemRoute.PATCH, { method: "PATCH", key: project.keys.FULL, params: { datasetId, itemId: rows[0].id }, body });
    const carried = await revise({ input: { x: 1e300 } });
    expect(carried.status).toBe(422);
    expect(carried.json.errors.map((e: { path: string }) => e.path)).toEqual(["metadata.deep.1"]);
    expect((await revise({ input: { x: 1e300 }, metadata: {} })).status).toBe(200);
    expect((await publish(datasetId)).status).toBe(201);
  });

  it("refuses one in an added item, naming the path, and adds the rest of the batch", async () => {
    const datasetId = await newDataset();
    const res = await addRaw(
      datasetId,
      `{"input": {"x": 1e400}}, {"input": "fine", "expectedOutput": [1, {"y": -2e308}]}, {"input": "q", "preference": {"preferred": 1e309, "rejected": 1}},
       {"input": "meta", "metadata": {"n": 1e400}}, {"input": {"x": 1.7976931348623157e308}}`,
    );
    expect(res.status, res.text).toBe(207);
    const results = res.json.results as { status: string; code?: string; errors?: { path: string }[] }[];
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected", "rejected", "added"]);
    expect(results.slice(0, 4).map((r) => r.code)).toEqual(Array(4).fill("number_out_of_range"));
    expect(results.slice(0, 4).map((r) => r.errors?.map((e) => e.path))).toEqual([
      ["input.x"],
      ["expectedOutput.1.y"],
      ["preference.preferred"],
      ["metadata.n"],
    ]);
    expect(res.json).toMatchObject({ added: 1, rejected: 4 });
  });

  it("refuses one in a revision with the same code and path", async () => {
    const datasetId = await newDataset();
    const added = await call(itemsRoute.POST, { method: "POST", key: project.keys.FULL, params: { datasetId }, body: { items: [{ input: "q" }] } });
    const itemId = added.json.results[0].itemId as string;
    const revised = await call(itemRoute.PATCH, {
      method: "PATCH",
      key: project.keys.FULL,
      params: { datasetId, itemId },
      rawBody: `{"expectedOutput": {"score": 1e400}}`,
    });
    expect(revised.status, revised.text).toBe(422);
    expect(revised.json.code).toBe("number_out_of_range");
    expect(revised.json.errors).toEqual([{ path: "expectedOutput.score", message: expect.stringMatching(/beyond the range of a double/) }]);
  });

  it("rejects an imported row holding one, lineage included, with the code and path", async () => {
    const datasetId = await newDataset();
    const ctx = await contextFor(project, project.users.ENGINEER.id);
    const lineage = `{"traceId": null, "spanId": null, "traceBId": null, "queueId": null, "queueItemId": null, "via": "rule", "gateOverride": null, "redacted": null,
      "labels": [{"criterionKey": "k", "rubricVersionId": null, "value": 1e400, "provenance": "gold", "raters": [], "adjudicated": false}]}`;
    const rows = [`{"input": {"x": 1e400}}`, `{"input": "labelled", "lineage": ${lineage}}`, `{"input": "fine"}`].map((text, line) => {
      const row = jsonlRow(text, "00000000-0000-4000-8000-000000000001", line + 1);
      if (!("candidate" in row)) throw new Error(row.error.message);
      return row.candidate;
    });
    const { results, accepted } = await importItemBatch(database(), ctx, datasetId, rows, "skip");
    expect(accepted).toBe(1);
    expect(results.map((r) => r.code ?? r.status)).toEqual(["number_out_of_range", "number_out_of_range", "accepted"]);
    expect(results[0].message).toMatch(/^input\.x: /);
    expect(results[1].message).toMatch(/^lineage\.labels\.0\.value: /);
  });

  it("rejects a trace whose input holds one when it is added from the explorer", async () => {
    const datasetId = await newDataset();
    const [big, fine] = await makeTraces(project.id, 2, (i) => ({ input: { question: `q${i}`, n: 1 }, output: "a" }));
    await pool().query(`UPDATE traces SET input = '{"question": "q0", "n": 1e400}'::jsonb WHERE project_id = $1::uuid AND id = $2::uuid`, [project.id, big]);
    const res = await call(fromTracesRoute.POST, {
      method: "POST",
      key: project.keys.FULL,
      params: { datasetId },
      body: { selection: { traceIds: [big, fine] } },
    });
    expect(res.status, res.text).toBe(207);
    const byTrace = Object.fromEntries(res.json.results.map((r: { traceId: string }) => [r.traceId, r]));
    expect(byTrace[big]).toMatchObject({ status: "rejected", code: "number_out_of_range", errors: [{ path: "input.n" }] });
    expect(byTrace[fine].status).toBe("added");
  });

  it("exports a version in every format whatever its numbers, the largest double kept", async () => {
    const datasetId = await newDataset();
    await addRaw(datasetId, `{"input": {"x": 1.7976931348623157e308}, "expectedOutput": "a"}`);
    const version = await publish(datasetId);
    expect(version.status).toBe(201);
    for (const format of ["jsonl", "csv", "openai-chat", "openai-evals", "promptfoo", "promptfoo-json", "mlflow", "hf"]) {
      const request = new Request(`http://assay.test/api/v1/datasets/${datasetId}/versions/1/export?format=${format}`, {
        headers: { authorization: `Bearer ${project.keys.FULL}` },
      });
      const response = await exportRoute.GET(request, { params: Promise.resolve({ datasetId, version: "1" }) });
      expect(response.status, format).toBe(200);
      const bytes = await response.arrayBuffer();
      expect(bytes.byteLength, format).toBeGreaterThan(0);
      if (format === "jsonl") expect(new TextDecoder().decode(bytes)).toContain("1.7976931348623157e+308");
    }
  });
});
