import { beforeAll, describe, expect, it } from "vitest";
import * as sessionDiffRoute from "@/app/api/projects/[project]/datasets/[datasetId]/diff/route";
import * as diffRoute from "@/app/api/v1/datasets/[datasetId]/diff/route";
import * as itemRoute from "@/app/api/v1/datasets/[datasetId]/items/[itemId]/route";
import * as itemsRoute from "@/app/api/v1/datasets/[datasetId]/items/route";
import * as tagRoute from "@/app/api/v1/datasets/[datasetId]/tags/[tag]/route";
import * as versionsRoute from "@/app/api/v1/datasets/[datasetId]/versions/route";
import * as datasetsRoute from "@/app/api/v1/datasets/route";
import { diffVersions } from "@/lib/datasets/diff";
import { diffMarkdown } from "@/lib/datasets/diff-markdown";
import type { TDatasetDiff } from "@/lib/datasets/schemas";
import { database } from "@/lib/db/client";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";
import { contextFor } from "@/tests/helpers/queues";

// The diff of two published versions over the API with real keys on a real Postgres: items
// added, removed (archived) and changed between them, tags as refs, pages, and the Markdown
// summary the CLI prints.

let project: TestProject;
let other: TestProject;
beforeAll(async () => {
  project = await makeProject();
  other = await makeProject();
});

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

async function newDataset() {
  const created = await call(datasetsRoute.POST, { method: "POST", key: project.keys.FULL, body: { name: unique("diff") } });
  expect(created.status).toBe(201);
  return created.json as { id: string; name: string };
}

async function add(datasetId: string, items: unknown[]): Promise<string[]> {
  const added = await call(itemsRoute.POST, { method: "POST", key: project.keys.FULL, params: { datasetId }, body: { items, duplicates: "keep" } });
  expect(added.json.added).toBe(items.length);
  return added.json.results.map((r: { itemId: string }) => r.itemId);
}

async function revise(datasetId: string, itemId: string, body: Record<string, unknown>) {
  const revised = await call(itemRoute.PATCH, { method: "PATCH", key: project.keys.FULL, params: { datasetId, itemId }, body });
  expect(revised.status).toBe(200);
}

async function publish(datasetId: string): Promise<number> {
  const published = await call(versionsRoute.POST, { method: "POST", key: project.keys.FULL, params: { datasetId }, body: {} });
  expect(published.status).toBe(201);
  return published.json.number;
}

const diff = (datasetId: string, query: string, key = project.keys.FULL) =>
  call(diffRoute.GET, { key, params: { datasetId }, path: `/api/v1/datasets/${datasetId}/diff?${query}` });

/**
 * Version 1: items 1–5. Version 2: item 1 with a new expected output and tag, item 2 archived,
 * item 3 revised back to what it was, 4 and 5 as they were, items 6 and 7 new.
 */
async function twoVersions() {
  const dataset = await newDataset();
  const ids = await add(
    dataset.id,
    [1, 2, 3, 4, 5].map((n) => ({ portableId: id(n), input: `Question ${n}`, expectedOutput: { text: `answer ${n}` }, splits: ["test"] })),
  );
  await publish(dataset.id);
  const tagged = await call(tagRoute.PUT, { method: "PUT", key: project.keys.FULL, params: { datasetId: dataset.id, tag: "prod" }, body: { version: 1 } });
  expect(tagged.status).toBe(200);
  await revise(dataset.id, ids[0], { expectedOutput: { text: "better answer 1" }, tags: ["reviewed"], metadata: { source: "expert" } });
  await revise(dataset.id, ids[1], { archived: true });
  await revise(dataset.id, ids[2], { exact: true });
  await revise(dataset.id, ids[2], { exact: false });
  await add(
    dataset.id,
    [7, 6].map((n) => ({ portableId: id(n), input: `Question ${n}`, expectedOutput: { text: `answer ${n}` } })),
  );
  await publish(dataset.id);
  return dataset;
}

describe("dataset version diff", () => {
  it("lists added, removed and changed items, field by field, with every item counted", async () => {
    const dataset = await twoVersions();
    const res = await diff(dataset.id, "from=prod&to=2");
    expect(res.status).toBe(200);
    const body = res.json as TDatasetDiff;
    expect(body.from).toMatchObject({ number: 1, tags: ["prod"], checksum: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect(body.to).toMatchObject({ number: 2, tags: [] });
    expect(body.to.checksum).not.toBe(body.from.checksum);
    expect(body.summary).toEqual({ added: 2, removed: 1, changed: 2, unchanged: 2 });
    expect(body.added.map((a) => a.portableId)).toEqual([id(6), id(7)]);
    expect(body.added[0].item).toMatchObject({ input: "Question 6", expectedOutput: { text: "answer 6" }, splits: [], tags: [], exact: false });
    expect(body.added[0].item.lineage).toMatchObject({ via: "api" });
    expect(body.removed).toEqual([{ portableId: id(2), item: expect.objectContaining({ input: "Question 2", splits: ["test"] }) }]);
    expect(body.changed).toEqual([
      {
        portableId: id(1),
        fromRevision: 1,
        toRevision: 2,
        fields: [
          { path: "/expectedOutput/text", op: "replace", from: "answer 1", to: "better answer 1" },
          { path: "/metadata/source", op: "add", to: "expert" },
          { path: "/tags", op: "replace", from: [], to: ["reviewed"] },
        ],
      },
      // Two revisions that cancel out: another revision, the same content.
      { portableId: id(3), fromRevision: 1, toRevision: 3, fields: [] },
    ]);
    expect(body.nextCursor).toBeNull();

    // The other way round, added and removed trade places; a version against itself is all unchanged.
    const back = (await diff(dataset.id, "from=2&to=1")).json as TDatasetDiff;
    expect(back.summary).toEqual({ added: 1, removed: 2, changed: 2, unchanged: 2 });
    expect(back.changed[0].fields[0]).toEqual({ path: "/expectedOutput/text", op: "replace", from: "better answer 1", to: "answer 1" });
    const same = (await diff(dataset.id, "from=prod&to=prod")).json as TDatasetDiff;
    expect(same).toMatchObject({ summary: { added: 0, removed: 0, changed: 0, unchanged: 5 }, added: [], removed: [], changed: [], nextCursor: null });
  });

  it("pages the three lists together by portable id, the summary whole on every page", async () => {
    const dataset = await twoVersions();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await diff(dataset.id, `from=1&to=2&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      const page = res.json as TDatasetDiff;
      expect(page.summary).toEqual({ added: 2, removed: 1, changed: 2, unchanged: 2 });
      const ids = [...page.added, ...page.removed, ...page.changed].map((e) => e.portableId).sort();
      expect(ids.length).toBeLessThanOrEqual(2);
      seen.push(...ids);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([id(1), id(2), id(3), id(6), id(7)]);
  });

  it("counts a difference too long to keep and walks the items for its pages, answering what the kept list answers", async () => {
    const dataset = await twoVersions();
    const ctx = await contextFor(project, project.users.ENGINEER.id);
    /** Every page of the diff of 1 → 2, `limit` differences a page, with the list kept up to `maxListed`. */
    async function pages(limit: number, maxListed?: number): Promise<TDatasetDiff[]> {
      const all: TDatasetDiff[] = [];
      let cursor: string | undefined;
      do {
        const page = await diffVersions(database(), ctx, dataset.id, 1, 2, { limit, cursor }, maxListed === undefined ? {} : { maxListed });
        all.push(page);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all;
    }
    const kept = await pages(2);
    // Five differences: a cap of four or fewer counts them in SQL and walks the items; five keeps the list.
    for (const maxListed of [0, 1, 4, 5]) {
      const walked = await pages(2, maxListed);
      expect(walked, `maxListed ${maxListed}`).toEqual(kept);
    }
    const walked = await pages(2, 1);
    expect(walked.map((p) => p.summary)).toEqual(Array(3).fill({ added: 2, removed: 1, changed: 2, unchanged: 2 }));
    expect(walked.map((p) => [...p.added, ...p.removed, ...p.changed].map((e) => e.portableId).sort())).toEqual([[id(1), id(2)], [id(3), id(6)], [id(7)]]);
    expect(walked[0].changed[0]).toMatchObject({ portableId: id(1), fromRevision: 1, toRevision: 2, fields: expect.arrayContaining([expect.anything()]) });
    expect(walked[1].changed[0]).toEqual({ portableId: id(3), fromRevision: 1, toRevision: 3, fields: [] });
    expect(walked[0].removed).toEqual([{ portableId: id(2), item: expect.objectContaining({ input: "Question 2" }) }]);
    // One page holding the whole walk, and the way back, agree with the kept list too.
    expect(await pages(10, 1)).toEqual(await pages(10));
    const back = await diffVersions(database(), ctx, dataset.id, 2, 1, { limit: 10 }, { maxListed: 1 });
    expect(back.summary).toEqual({ added: 1, removed: 2, changed: 2, unchanged: 2 });
    expect(back.added.map((a) => a.portableId)).toEqual([id(2)]);
    expect(back.removed.map((r) => r.portableId)).toEqual([id(6), id(7)]);
  });

  it("refuses unknown versions and bad pages, and answers 404 for another project's dataset", async () => {
    const dataset = await twoVersions();
    const missing = await diff(dataset.id, "from=1&to=9");
    expect([missing.status, missing.json.code, missing.json.detail]).toEqual([404, "not_found", expect.stringContaining("Version 9")]);
    expect((await diff(dataset.id, "from=candidate&to=2")).status).toBe(404);
    expect((await diff(dataset.id, "from=1&to=2&limit=1001")).status).toBe(422);
    expect((await diff(dataset.id, "from=1&to=2&cursor=nope")).status).toBe(422);
    expect((await diff(dataset.id, "from=1")).status).toBe(422);
    const foreignKey = await diff(dataset.id, "from=1&to=2", other.keys.FULL);
    expect([foreignKey.status, foreignKey.json.code]).toEqual([404, "not_found"]);
    expect((await diff(dataset.id, "from=1&to=2", project.keys.INGEST)).status).toBe(403);
  });

  it("answers the same diff to members who read datasets through the session route, and 404 to another project's members", async () => {
    const dataset = await twoVersions();
    const path = `/api/projects/${project.slug}/datasets/${dataset.id}/diff?from=prod&to=2`;
    const viewer = await call(sessionDiffRoute.GET, { user: project.users.VIEWER.id, params: { project: project.slug, datasetId: dataset.id }, path });
    expect(viewer.status).toBe(200);
    expect(viewer.json).toEqual((await diff(dataset.id, "from=prod&to=2")).json);
    const expert = await call(sessionDiffRoute.GET, { user: project.users.EXPERT.id, params: { project: project.slug, datasetId: dataset.id }, path });
    expect(expert.status).toBe(403);
    const outsider = await call(sessionDiffRoute.GET, { user: other.users.ADMIN.id, params: { project: project.slug, datasetId: dataset.id }, path });
    expect(outsider.status).toBe(404);
    const ownSlug = await call(sessionDiffRoute.GET, {
      user: other.users.ADMIN.id,
      params: { project: other.slug, datasetId: dataset.id },
      path: path.replace(project.slug, other.slug),
    });
    expect([ownSlug.status, ownSlug.json.code]).toEqual([404, "not_found"]);
  });

  it("sums the diff up in Markdown: heading, counts, and the changed paths", async () => {
    const dataset = await twoVersions();
    const body = (await diff(dataset.id, "from=prod&to=2")).json as TDatasetDiff;
    const text = diffMarkdown(body, dataset.name);
    expect(text.split("\n").slice(0, 5)).toEqual([
      `## ${dataset.name}: v1 (prod) → v2`,
      "",
      "| added | removed | changed | unchanged |",
      "| ---: | ---: | ---: | ---: |",
      "| 2 | 1 | 2 | 2 |",
    ]);
    expect(text).toContain(`- \`${id(1)}\` r1 → r2: \`/expectedOutput/text\`, \`/metadata/source\`, \`/tags\``);
    expect(text).toContain(`- \`${id(3)}\` r1 → r3: no content change`);
    expect(text).toContain(`### Removed\n\n- \`${id(2)}\``);
  });
});
