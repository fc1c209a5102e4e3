import { beforeAll, describe, expect, it } from "vitest";
import * as itemsRoute from "@/app/api/v1/datasets/[datasetId]/items/route";
import * as exportRoute from "@/app/api/v1/datasets/[datasetId]/versions/[version]/export/route";
import * as versionsRoute from "@/app/api/v1/datasets/[datasetId]/versions/route";
import * as datasetsRoute from "@/app/api/v1/datasets/route";
import { pool } from "@/lib/db/client";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";

// An export reads its version on a connection of its own (a COPY for Assay JSONL, a cursor
// inside a transaction for the other formats): the connection must come back to the pool, its
// statement or transaction ended, whether the download completes or the client goes away halfway.

const ITEMS = 2_500;
let project: TestProject;
let datasetId: string;
beforeAll(async () => {
  project = await makeProject();
  const created = await call(datasetsRoute.POST, { method: "POST", key: project.keys.FULL, body: { name: unique("stream") } });
  datasetId = created.json.id;
  // More than one batch of the cursor, and more than one chunk of the response.
  for (let start = 0; start < ITEMS; start += 1_000) {
    const items = Array.from({ length: Math.min(1_000, ITEMS - start) }, (_, i) => ({ input: `Question ${start + i} ${"x".repeat(100)}`, splits: ["test"] }));
    const added = await call(itemsRoute.POST, { method: "POST", key: project.keys.FULL, params: { datasetId }, body: { items } });
    expect(added.json.added).toBe(items.length);
  }
  expect((await call(versionsRoute.POST, { method: "POST", key: project.keys.FULL, params: { datasetId }, body: {} })).status).toBe(201);
}, 120_000);

const open = (format = "jsonl") =>
  exportRoute.GET(
    new Request(`http://assay.test/api/v1/datasets/${datasetId}/versions/1/export?format=${format}`, {
      headers: { authorization: `Bearer ${project.keys.FULL}` },
    }),
    { params: Promise.resolve({ datasetId, version: "1" }) },
  );

/**
 * Connections of this process's pool in use, and this database's other sessions in an open
 * transaction: idle in it, or running the batch the export asks for ahead of the reader.
 */
async function held() {
  const { rows } = await pool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
  );
  return { busy: pool().totalCount - pool().idleCount, inTransaction: rows[0].n };
}

describe("streamed exports and their connection", () => {
  it("publishing a version large against what the planner knew refreshes its statistics", async () => {
    // Without them the first export of a large version plans for a few rows and sorts it whole.
    const { rows } = await pool().query<{ known: number }>(`SELECT reltuples::float8 AS known FROM pg_class WHERE oid = 'dataset_version_items'::regclass`);
    expect(rows[0].known).toBeGreaterThanOrEqual(ITEMS);
  });

  it("gives the connection back when the download completes", async () => {
    const response = await open();
    expect((await response.text()).trimEnd().split("\n")).toHaveLength(ITEMS);
    expect(await held()).toEqual({ busy: 0, inTransaction: 0 });
  });

  it("holds one connection while the client reads, and frees it when the client goes away", async () => {
    // Hugging Face's files are read through a cursor, whose transaction is open between batches.
    const hf = (await open("hf")).body!.getReader();
    expect((await hf.read()).done).toBe(false);
    expect(await held()).toEqual({ busy: 1, inTransaction: 1 });
    await hf.cancel();
    expect(await held()).toEqual({ busy: 0, inTransaction: 0 });

    // Assay JSONL streams from a COPY: the connection is held until the stream ends, and a client
    // that goes away takes it out of the pool, which ends the COPY on the server.
    const jsonl = (await open("jsonl")).body!.getReader();
    expect((await jsonl.read()).done).toBe(false);
    expect(await held()).toMatchObject({ busy: 1 });
    const { rows } = await pool().query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'COPY (%'`,
    );
    await jsonl.cancel();
    expect((await held()).busy).toBe(0);
    // The server notices the closed socket on its own time: wait for its session to end, as long as it takes.
    for (;;) {
      const left = await pool().query(`SELECT 1 FROM pg_stat_activity WHERE pid = ANY($1::int[])`, [rows.map((r) => r.pid)]);
      if (!left.rowCount) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await held()).toEqual({ busy: 0, inTransaction: 0 });
  });
});
