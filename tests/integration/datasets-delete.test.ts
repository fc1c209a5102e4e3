import { beforeAll, describe, expect, it } from "vitest";
import * as datasetRoute from "@/app/api/projects/[project]/datasets/[datasetId]/route";
import * as itemRoute from "@/app/api/projects/[project]/datasets/[datasetId]/items/[itemId]/route";
import * as itemsRoute from "@/app/api/projects/[project]/datasets/[datasetId]/items/route";
import * as tagRoute from "@/app/api/projects/[project]/datasets/[datasetId]/tags/[tag]/route";
import * as versionsRoute from "@/app/api/projects/[project]/datasets/[datasetId]/versions/route";
import * as datasetsRoute from "@/app/api/projects/[project]/datasets/route";
import * as v1DatasetRoute from "@/app/api/v1/datasets/[datasetId]/route";
import { pool } from "@/lib/db/client";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";

// Deleting a whole dataset: only an ADMIN signed in, only after typing its exact name, and
// then everything it holds goes in one transaction, published versions included, while the
// database still refuses to remove or change a published version piece by piece.

let project: TestProject;
beforeAll(async () => {
  project = await makeProject();
});

const as = (role: keyof TestProject["users"]) => ({ user: project.users[role].id });

/** A dataset with two items (one revised), a published version and a tag. */
async function publishedDataset() {
  const params = { project: project.slug };
  const created = await call(datasetsRoute.POST, { method: "POST", params, ...as("ENGINEER"), body: { name: unique("doomed set") } });
  expect(created.status).toBe(201);
  const datasetId = created.json.id as string;
  const at = { ...params, datasetId };
  const added = await call(itemsRoute.POST, {
    method: "POST",
    params: at,
    ...as("ENGINEER"),
    body: {
      items: [
        { input: "Capital of Peru?", expectedOutput: "Lima", splits: ["test"] },
        { input: "Capital of Chile?", expectedOutput: "Santiago" },
      ],
    },
  });
  expect(added.json.added).toBe(2);
  const itemId = added.json.results[0].itemId as string;
  expect((await call(itemRoute.PATCH, { method: "PATCH", params: { ...at, itemId }, ...as("ENGINEER"), body: { tags: ["geo"] } })).status).toBe(200);
  const published = await call(versionsRoute.POST, { method: "POST", params: at, ...as("ENGINEER"), body: { note: "v1" } });
  expect(published.status).toBe(201);
  expect((await call(tagRoute.PUT, { method: "PUT", params: { ...at, tag: "prod" }, ...as("ENGINEER"), body: { version: 1 } })).status).toBe(200);
  return { datasetId, name: created.json.name as string, params: at, versionId: published.json.id as string };
}

/** What is left of a dataset; `versionIds` also counts the frozen items of versions that are gone. */
async function rowsOf(datasetId: string, versionIds: string[] = []) {
  const { rows } = await pool().query(
    `SELECT (SELECT count(*) FROM datasets WHERE id = $1)::int AS datasets,
            (SELECT count(*) FROM dataset_items WHERE dataset_id = $1)::int AS items,
            (SELECT count(*) FROM dataset_item_revisions WHERE dataset_id = $1)::int AS revisions,
            (SELECT count(*) FROM dataset_versions WHERE dataset_id = $1)::int AS versions,
            (SELECT count(*) FROM dataset_version_items vi WHERE vi.version_id IN (SELECT v.id FROM dataset_versions v WHERE v.dataset_id = $1)
                                                             OR vi.version_id = ANY($2::uuid[]))::int AS frozen,
            (SELECT count(*) FROM dataset_version_tags WHERE dataset_id = $1)::int AS tags`,
    [datasetId, versionIds],
  );
  return rows[0];
}

describe("deleting a dataset", () => {
  it("removes the dataset, its items, revisions, versions and tags in one go for an ADMIN who typed its name, and audits it", async () => {
    const { datasetId, name, params, versionId } = await publishedDataset();
    expect(await rowsOf(datasetId, [versionId])).toEqual({ datasets: 1, items: 2, revisions: 3, versions: 1, frozen: 2, tags: 1 });
    const res = await call(datasetRoute.DELETE, { method: "DELETE", params, ...as("ADMIN"), body: { confirm: name } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ deleted: { id: datasetId, name, items: 2, versions: 1 } });
    expect(await rowsOf(datasetId, [versionId])).toEqual({ datasets: 0, items: 0, revisions: 0, versions: 0, frozen: 0, tags: 0 });
    const audit = await pool().query(`SELECT actor_user_id AS "actor", details FROM audit_events WHERE action = 'dataset.delete' AND target_id = $1`, [
      datasetId,
    ]);
    expect(audit.rows).toEqual([{ actor: project.users.ADMIN.id, details: { name, items: 2, versions: 1 } }]);
    expect((await call(datasetRoute.GET, { params, ...as("ADMIN") })).status).toBe(404);
  });

  it("refuses a confirmation that is not the exact name with 400 confirmation_mismatch, keeping everything", async () => {
    const { datasetId, name, params } = await publishedDataset();
    for (const confirm of ["", name.toUpperCase(), `${name} `, name.slice(1)]) {
      const res = await call(datasetRoute.DELETE, { method: "DELETE", params, ...as("ADMIN"), body: { confirm } });
      expect([res.status, res.json.code], JSON.stringify(confirm)).toEqual([400, "confirmation_mismatch"]);
    }
    const missing = await call(datasetRoute.DELETE, { method: "DELETE", params, ...as("ADMIN"), body: {} });
    expect(missing.status).toBe(422);
    expect(await rowsOf(datasetId)).toMatchObject({ datasets: 1, items: 2, versions: 1, tags: 1 });
  });

  it("is refused to engineers, viewers and experts (403) and to every API key (403)", async () => {
    const { datasetId, name, params } = await publishedDataset();
    for (const role of ["ENGINEER", "VIEWER", "EXPERT"] as const) {
      const res = await call(datasetRoute.DELETE, { method: "DELETE", params, ...as(role), body: { confirm: name } });
      expect(res.status, role).toBe(403);
    }
    for (const key of ["FULL", "ADMIN", "INGEST"] as const) {
      const res = await call(v1DatasetRoute.DELETE, { method: "DELETE", params: { datasetId }, key: project.keys[key], body: { confirm: name } });
      expect(res.status, key).toBe(403);
    }
    expect(await rowsOf(datasetId)).toMatchObject({ datasets: 1, items: 2, versions: 1 });
  });

  it("answers 404 for a dataset of another project, even with its name", async () => {
    const { name, params } = await publishedDataset();
    const other = await makeProject();
    const res = await call(datasetRoute.DELETE, {
      method: "DELETE",
      params: { ...params, project: other.slug },
      user: other.users.ADMIN.id,
      body: { confirm: name },
    });
    expect(res.status).toBe(404);
  });

  it("still refuses removing or changing a published version piece by piece, even while naming another dataset for deletion", async () => {
    const doomed = await publishedDataset();
    const kept = await publishedDataset();
    const client = await pool().connect();
    try {
      await client.query("BEGIN");
      await client.query(`SELECT set_config('assay.dataset_delete', $1, true)`, [`${project.id}/${doomed.datasetId}`]);
      await expect(client.query(`DELETE FROM dataset_versions WHERE id = $1`, [kept.versionId])).rejects.toThrow(/published and cannot be removed/);
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
    await expect(pool().query(`DELETE FROM dataset_version_items WHERE version_id = $1`, [kept.versionId])).rejects.toThrow(/published and cannot change/);
    await expect(pool().query(`DELETE FROM dataset_item_revisions WHERE dataset_id = $1`, [kept.datasetId])).rejects.toThrow(/cannot be removed/);
    await expect(pool().query(`UPDATE dataset_versions SET note = 'changed' WHERE id = $1`, [kept.versionId])).rejects.toThrow(/published and cannot change/);
    expect(await rowsOf(kept.datasetId)).toMatchObject({ datasets: 1, items: 2, revisions: 3, versions: 1, frozen: 2 });
  });
});
