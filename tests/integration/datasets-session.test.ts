import { beforeAll, describe, expect, it } from "vitest";
import * as itemRoute from "@/app/api/projects/[project]/datasets/[datasetId]/items/[itemId]/route";
import * as itemsRoute from "@/app/api/projects/[project]/datasets/[datasetId]/items/route";
import * as exportRoute from "@/app/api/projects/[project]/datasets/[datasetId]/versions/[version]/export/route";
import * as versionsRoute from "@/app/api/projects/[project]/datasets/[datasetId]/versions/route";
import * as datasetsRoute from "@/app/api/projects/[project]/datasets/route";
import { pool } from "@/lib/db/client";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";

// The dataset screens' own routes, signed in: items added by hand say so in their lineage,
// the list filters by split, an item comes with every revision and its author, and a download
// is named after the dataset, version and split.

let project: TestProject;
beforeAll(async () => {
  project = await makeProject();
});

describe("the dataset screens' routes", () => {
  it("add by hand, filter by split, show an item's revisions with their authors, and name downloads after the dataset", async () => {
    const engineer = { user: project.users.ENGINEER.id };
    const name = `${unique("support")} set`;
    const created = await call(datasetsRoute.POST, { method: "POST", params: { project: project.slug }, ...engineer, body: { name } });
    expect(created.status).toBe(201);
    const params = { project: project.slug, datasetId: created.json.id };
    const added = await call(itemsRoute.POST, {
      method: "POST",
      params,
      ...engineer,
      body: {
        items: [
          { input: "Refund policy?", expectedOutput: "30 days", splits: ["test"] },
          { input: "Opening hours?", splits: ["train"] },
        ],
      },
    });
    expect(added.json).toMatchObject({ added: 2, rejected: 0 });
    const itemId = added.json.results[0].itemId;
    const revised = await call(itemRoute.PATCH, {
      method: "PATCH",
      params: { ...params, itemId },
      user: project.users.ADMIN.id,
      body: { expectedOutput: "30 days, with the receipt" },
    });
    expect(revised.status).toBe(200);

    const tested = await call(itemsRoute.GET, { params, ...engineer, path: `/api/projects/${project.slug}/datasets/${params.datasetId}/items?split=test` });
    expect(tested.json.items.map((i: { id: string }) => i.id)).toEqual([itemId]);

    const history = await call(itemRoute.GET, { params: { ...params, itemId }, user: project.users.VIEWER.id });
    expect(history.status).toBe(200);
    expect(history.json.item).toMatchObject({ revision: 2, expectedOutput: "30 days, with the receipt", lineage: { via: "hand" } });
    const names = await pool().query(`SELECT id, name FROM users WHERE id = ANY($1::uuid[])`, [[project.users.ADMIN.id, project.users.ENGINEER.id]]);
    const nameOf = (id: string) => names.rows.find((r) => r.id === id)?.name;
    expect(history.json.revisions.map((r: { revision: number; author: string }) => [r.revision, r.author])).toEqual([
      [2, nameOf(project.users.ADMIN.id)],
      [1, nameOf(project.users.ENGINEER.id)],
    ]);
    expect(history.json.sourceTrace).toBeNull();
    expect((await call(itemRoute.GET, { params: { ...params, itemId: "not-an-id" }, ...engineer })).status).toBe(404);

    expect((await call(versionsRoute.POST, { method: "POST", params, ...engineer, body: { note: "first" } })).status).toBe(201);
    const download = await call(exportRoute.GET, {
      params: { ...params, version: "1" },
      ...engineer,
      path: `/api/projects/${project.slug}/datasets/${params.datasetId}/versions/1/export?format=csv&split=test`,
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="${name.replace(/ /g, "-")}-v1-test.csv"`);
    expect(download.text).toContain("30 days, with the receipt");
  });
});
