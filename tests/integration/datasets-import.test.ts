import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postChunk } from "@/app/api/projects/[project]/datasets/[datasetId]/imports/[importId]/chunks/route";
import { GET as getPreview } from "@/app/api/projects/[project]/datasets/[datasetId]/imports/[importId]/preview/route";
import { GET as getDetail } from "@/app/api/projects/[project]/datasets/[datasetId]/imports/[importId]/route";
import { POST as postStart } from "@/app/api/projects/[project]/datasets/[datasetId]/imports/[importId]/start/route";
import { GET as listImports, POST as createImport } from "@/app/api/projects/[project]/datasets/[datasetId]/imports/route";
import { GET as getTraceImport } from "@/app/api/projects/[project]/imports/[importId]/route";
import * as exportRoute from "@/app/api/v1/datasets/[datasetId]/versions/[version]/export/route";
import * as versionsRoute from "@/app/api/v1/datasets/[datasetId]/versions/route";
import * as itemsRoute from "@/app/api/v1/datasets/[datasetId]/items/route";
import * as datasetsRoute from "@/app/api/v1/datasets/route";
import { inputHash } from "@/lib/datasets/duplicates";
import { db, pool } from "@/lib/db/client";
import { runImport } from "@/lib/imports/worker";
import { stopSender } from "@/lib/jobs/send";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";

// Dataset items imported through the file import machinery (chunked upload, the job's worker
// run directly, rejected rows by line): an Assay JSONL export imported into another project
// publishes with the same checksum, and CSV rows are checked against the dataset's schemas.

let source: TestProject;
let target: TestProject;

beforeAll(async () => {
  source = await makeProject();
  target = await makeProject();
});
afterAll(() => stopSender());

async function newDataset(p: TestProject, extra: Record<string, unknown> = {}) {
  const created = await call(datasetsRoute.POST, { method: "POST", key: p.keys.FULL, body: { name: unique("imported"), ...extra } });
  expect(created.status).toBe(201);
  return created.json.id as string;
}

const publish = async (p: TestProject, datasetId: string) => {
  const res = await call(versionsRoute.POST, { method: "POST", key: p.keys.FULL, params: { datasetId }, body: { note: "" } });
  expect(res.status, res.text).toBe(201);
  return res.json as { number: number; checksum: string; itemCount: number };
};

async function upload(p: TestProject, datasetId: string, format: "JSONL" | "CSV", content: string, pieceBytes = 1024 * 1024): Promise<string> {
  const bytes = Buffer.from(content);
  const user = p.users.ENGINEER.id;
  const created = await call(createImport, {
    method: "POST",
    params: { project: p.slug, datasetId },
    user,
    body: { format, fileName: `items.${format.toLowerCase()}`, sizeBytes: bytes.length },
  });
  expect(created.status, created.text).toBe(201);
  const importId = created.json.id as string;
  for (let seq = 0; seq * pieceBytes < bytes.length; seq++) {
    const res = await call(postChunk, {
      method: "POST",
      params: { project: p.slug, datasetId, importId },
      path: `/x?seq=${seq}`,
      user,
      rawBody: bytes.subarray(seq * pieceBytes, (seq + 1) * pieceBytes),
      headers: { "content-type": "application/octet-stream" },
    });
    expect(res.status, res.text).toBe(200);
  }
  return importId;
}

async function runToEnd(p: TestProject, datasetId: string, importId: string, ends: "done" | "failed" = "done") {
  const started = await call(postStart, { method: "POST", params: { project: p.slug, datasetId, importId }, user: p.users.ENGINEER.id, body: {} });
  expect(started.status, started.text).toBe(202);
  expect(await runImport(db(), pool(), p.id, importId, { batchItems: 2 })).toBe(ends);
  const detail = await call(getDetail, { params: { project: p.slug, datasetId, importId }, user: p.users.ENGINEER.id });
  expect(detail.status).toBe(200);
  return detail.json as { status: string; accepted: number; rejected: number; error: string | null; errors: { line: number; code: string; message: string }[] };
}

/** An item as promotion writes it, lineage and labels included (the API records its own lineage). */
async function promoted(p: TestProject, datasetId: string, input: string) {
  const lineage = {
    traceId: randomUUID(),
    spanId: "llm",
    traceBId: null,
    queueId: randomUUID(),
    queueItemId: randomUUID(),
    labels: [{ criterionKey: "correct", rubricVersionId: null, value: { score: 4 }, provenance: "gold", raters: ["u1", "u2"], adjudicated: true }],
    via: "rule",
    gateOverride: null,
    redacted: null,
    rule: { queueId: randomUUID(), criteria: [{ key: "correct", values: [true] }] },
    gate: { passed: true, threshold: 0.667, criteria: [{ key: "correct", alpha: 0.81 }] },
    addedBy: "user:5a1c0f0e-0000-4000-8000-000000000001",
    addedAt: "2026-12-01T10:00:00.000Z",
  };
  await pool().query(
    `WITH i AS (INSERT INTO dataset_items (project_id, dataset_id, portable_id) VALUES ($1, $2, $3) RETURNING id)
     INSERT INTO dataset_item_revisions (project_id, item_id, dataset_id, revision, input, expected_output, splits, tags, exact, lineage, input_hash)
     SELECT $1, i.id, $2, 1, $4::jsonb, '"Paris"', ARRAY['test', 'eval.hard'], ARRAY['geo'], true, $5::jsonb, $6 FROM i`,
    [p.id, datasetId, randomUUID(), JSON.stringify(input), JSON.stringify(lineage), inputHash(input)],
  );
}

describe("dataset import", () => {
  it("imports an Assay JSONL export into another project with the same checksum, and changes nothing when run again", async () => {
    const from = await newDataset(source);
    await promoted(source, from, "What is the capital of France?");
    const added = await call(itemsRoute.POST, {
      method: "POST",
      key: source.keys.FULL,
      params: { datasetId: from },
      body: {
        items: [
          { input: { messages: [{ role: "user", content: 'Hi, ünïcödé & "quotes"' }] }, expectedOutput: { answer: "Hello" }, metadata: { n: 1.5 } },
          { input: "Which reply is kinder?", preference: { preferred: "Thank you!", rejected: "Whatever." }, splits: ["train"] },
          { input: "No expected output", tags: ["b", "a"] },
        ],
      },
    });
    expect(added.json.added).toBe(3);
    const v1 = await publish(source, from);
    const request = new Request(`http://assay.test/api/v1/datasets/${from}/versions/1/export?format=jsonl`, {
      headers: { authorization: `Bearer ${source.keys.FULL}` },
    });
    const file = await (await exportRoute.GET(request, { params: Promise.resolve({ datasetId: from, version: "1" }) })).text();

    const into = await newDataset(target);
    const importId = await upload(target, into, "JSONL", file, 100);
    const preview = await call(getPreview, { params: { project: target.slug, datasetId: into, importId }, user: target.users.ENGINEER.id });
    expect(preview.json).toMatchObject({ format: "JSONL", guess: null });
    const detail = await runToEnd(target, into, importId);
    expect(detail).toMatchObject({ status: "DONE", accepted: 4, rejected: 0, errors: [] });
    const v1There = await publish(target, into);
    expect(v1There).toMatchObject({ itemCount: 4, checksum: v1.checksum });

    const again = await runToEnd(target, into, await upload(target, into, "JSONL", file));
    expect(again).toMatchObject({ status: "DONE", accepted: 4, rejected: 0 });
    expect(await db().datasetItem.count({ where: { projectId: target.id, datasetId: into } })).toBe(4);

    const listed = await call(listImports, { params: { project: target.slug, datasetId: into }, user: target.users.ENGINEER.id });
    expect(listed.json.map((i: { id: string }) => i.id)).toContain(importId);
    // A dataset import is not a trace import, and another project's member finds neither.
    const asTrace = await call(getTraceImport, { params: { project: target.slug, importId }, user: target.users.ENGINEER.id });
    expect(asTrace.status).toBe(404);
    const foreign = await call(getDetail, { params: { project: target.slug, datasetId: into, importId }, user: source.users.ENGINEER.id });
    expect(foreign.status).toBe(404);
    const expert = await call(getDetail, { params: { project: target.slug, datasetId: into, importId }, user: target.users.EXPERT.id });
    expect(expert.status).toBe(403);
  });

  it("reads CSV columns, checks rows against the dataset's schemas, and reports each rejected row by line and reason", async () => {
    const into = await newDataset(target, { expectedSchema: { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] } });
    const csv = [
      "input,expected_output,splits,tags,metadata,Exact",
      `What is 2+2?,"{""answer"": ""4""}",test,"math, easy","{""level"": 1}",true`,
      "Plain text answer,just text,,,,",
      `,"{""answer"": ""no input""}",,,,`,
      `"what IS 2+2??","{""answer"": ""four""}",,,,`,
      `Metadata is a list,"{""answer"": ""y""}",,,[1],`,
      `Bad split,"{""answer"": ""z""}",not a split!,,,`,
      `'=SUM(A1),"{""answer"": ""formula""}",train,,,`,
    ].join("\n");
    const importId = await upload(target, into, "CSV", csv, 64);
    const preview = await call(getPreview, { params: { project: target.slug, datasetId: into, importId }, user: target.users.ENGINEER.id });
    expect(preview.json).toMatchObject({ format: "CSV", header: ["input", "expected_output", "splits", "tags", "metadata", "Exact"], guess: null });
    const detail = await runToEnd(target, into, importId);
    expect(detail).toMatchObject({ status: "DONE", accepted: 2, rejected: 5 });
    expect(detail.errors.map((e) => [e.line, e.code])).toEqual([
      [3, "validation_failed"],
      [4, "validation_failed"],
      [5, "duplicate"],
      [6, "validation_failed"],
      [7, "validation_failed"],
    ]);
    expect(detail.errors[0].message).toContain("expectedOutput: must be object");
    expect(detail.errors[1].message).toBe("input: the cell is empty");
    expect(detail.errors[3].message).toBe("metadata: give a JSON object");
    expect(detail.errors[4].message).toContain("splits.0");

    const items = (await call(itemsRoute.GET, { key: target.keys.FULL, params: { datasetId: into } })).json.items as {
      input: unknown;
      expectedOutput: unknown;
      splits: string[];
      tags: string[];
      metadata: unknown;
      exact: boolean;
      lineage: { via: string };
    }[];
    const math = items.find((i) => i.input === "What is 2+2?");
    expect(math).toMatchObject({ expectedOutput: { answer: "4" }, splits: ["test"], tags: ["math", "easy"], metadata: { level: 1 }, exact: true });
    expect(math?.lineage.via).toBe("import");
    expect(items.find((i) => i.input === "=SUM(A1)")).toMatchObject({ splits: ["train"], exact: false });
  });

  it("fails an import whose CSV header names no input, and refuses an archived dataset", async () => {
    const into = await newDataset(target);
    const detail = await runToEnd(target, into, await upload(target, into, "CSV", "question,answer\nq,a\n"), "failed");
    expect(detail).toMatchObject({ status: "FAILED", error: expect.stringContaining("The header names no input column") });
    const archived = await newDataset(target);
    await db().dataset.update({ where: { projectId_id: { projectId: target.id, id: archived } }, data: { archivedAt: new Date() } });
    const refused = await call(createImport, {
      method: "POST",
      params: { project: target.slug, datasetId: archived },
      user: target.users.ENGINEER.id,
      body: { format: "CSV", fileName: "x.csv", sizeBytes: 10 },
    });
    expect(refused.status).toBe(409);
  });
});
