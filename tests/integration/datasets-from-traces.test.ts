import { beforeAll, describe, expect, it } from "vitest";
import * as fromTracesRoute from "@/app/api/projects/[project]/datasets/[datasetId]/from-traces/route";
import * as fromTracesV1 from "@/app/api/v1/datasets/[datasetId]/from-traces/route";
import type { TLineage } from "@/lib/datasets/content";
import { listItems } from "@/lib/datasets/items";
import { createDataset } from "@/lib/datasets/service";
import { database, db } from "@/lib/db/client";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";
import { contextFor, makeTraces } from "@/tests/helpers/queues";

// Items from the explorer on a real database: checked traces or a whole filter, the trace's
// input, output and retrieved context copied, duplicates and foreign ids reported per trace.

let project: TestProject;
let traceIds: string[];
const tag = unique("golden-candidates");

beforeAll(async () => {
  project = await makeProject();
  traceIds = await makeTraces(project.id, 4, (i) => ({
    input: { messages: [{ role: "user", content: `How do I export invoice ${i % 3}?` }] },
    output: `Open Billing, pick invoice ${i % 3}, choose Export.`,
    tags: i < 3 ? [tag] : [],
  }));
  const start = new Date(Date.UTC(2026, 0, 1));
  await db().span.createMany({
    data: [
      { projectId: project.id, traceId: traceIds[0], spanId: "root-0", type: "CHAIN", name: "answer", startTime: start },
      {
        projectId: project.id,
        traceId: traceIds[0],
        spanId: "search-0",
        parentSpanId: "root-0",
        type: "RETRIEVAL",
        name: "search",
        startTime: start,
        output: { documents: [{ id: "kb-12", title: "Exporting invoices", text: "Billing › Invoices › Export.", score: 0.91 }] },
      },
    ],
  });
});

async function newDataset() {
  return createDataset(database(), await contextFor(project, project.users.ENGINEER.id), {
    name: unique("golden"),
    description: "",
    inputSchema: null,
    expectedSchema: null,
  });
}

describe("adding traces to a dataset", () => {
  it("copies input, output and retrieved context from checked traces, with lineage naming the trace, its span, who and when", async () => {
    const dataset = await newDataset();
    const foreign = crypto.randomUUID();
    const res = await call(fromTracesRoute.POST, {
      method: "POST",
      user: project.users.ENGINEER.id,
      params: { project: project.slug, datasetId: dataset.id },
      body: { selection: { traceIds: [traceIds[0], traceIds[1], foreign] }, splits: ["dev"] },
    });
    expect(res.status).toBe(207);
    expect(res.json).toMatchObject({ added: 2, duplicates: 0, rejected: 0, missing: 1 });
    expect(res.json.results.map((r: { traceId: string; status: string }) => [r.traceId, r.status])).toEqual([
      [traceIds[0], "added"],
      [traceIds[1], "added"],
    ]);
    const { items } = await listItems(database(), await contextFor(project, project.users.ENGINEER.id), dataset.id, { limit: 10, archived: "false" });
    const first = items.find((i) => (i.lineage as unknown as TLineage).traceId === traceIds[0])!;
    expect(first).toMatchObject({
      input: { messages: [{ role: "user", content: "How do I export invoice 0?" }] },
      expectedOutput: "Open Billing, pick invoice 0, choose Export.",
      splits: ["dev"],
      metadata: { context: [{ spanId: "search-0", id: "kb-12", title: "Exporting invoices", text: "Billing › Invoices › Export.", score: 0.91 }] },
    });
    const lineage = first.lineage as unknown as TLineage;
    expect(lineage).toMatchObject({ via: "traces", spanId: "root-0", addedBy: `user:${project.users.ENGINEER.id}` });
    expect(Date.parse(lineage.addedAt!)).not.toBeNaN();
    const other = items.find((i) => (i.lineage as unknown as TLineage).traceId === traceIds[1])!;
    expect(other.metadata).toEqual({});
    const event = await db().auditEvent.findFirstOrThrow({ where: { projectId: project.id, action: "dataset.items.add", targetId: dataset.id } });
    expect(event.details).toMatchObject({ via: "traces", added: 2, selection: "traces", missing: 1 });
  });

  it("adds everything a filter matches now, and reports the traces whose input is already there as duplicates", async () => {
    const dataset = await newDataset();
    const params = { datasetId: dataset.id };
    const first = await call(fromTracesV1.POST, {
      method: "POST",
      key: project.keys.FULL,
      origin: null,
      params,
      body: { selection: { traceIds: [traceIds[0]] } },
    });
    expect(first.json.added).toBe(1);
    const res = await call(fromTracesV1.POST, { method: "POST", key: project.keys.FULL, origin: null, params, body: { selection: { filter: { tags: tag } } } });
    expect(res.status).toBe(207);
    // Traces 0, 1, 2 carry the tag; 0 is in the dataset already.
    expect(res.json).toMatchObject({ added: 2, duplicates: 1, missing: 0 });
    const duplicate = res.json.results.find((r: { status: string }) => r.status === "duplicate");
    expect(duplicate).toMatchObject({ traceId: traceIds[0], duplicateOf: first.json.results[0].portableId });
  });

  it("refuses callers without datasets:write, and a filter that is not one", async () => {
    const dataset = await newDataset();
    const params = { project: project.slug, datasetId: dataset.id };
    const viewer = await call(fromTracesRoute.POST, { method: "POST", user: project.users.VIEWER.id, params, body: { selection: { traceIds } } });
    expect(viewer.status).toBe(403);
    const bad = await call(fromTracesRoute.POST, {
      method: "POST",
      user: project.users.ENGINEER.id,
      params,
      body: { selection: { filter: { from: "yesterday" } } },
    });
    expect(bad.status).toBe(422);
  });
});
