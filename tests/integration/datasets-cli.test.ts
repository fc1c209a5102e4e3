import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as diffRoute from "@/app/api/v1/datasets/[datasetId]/diff/route";
import * as itemRoute from "@/app/api/v1/datasets/[datasetId]/items/[itemId]/route";
import * as itemsRoute from "@/app/api/v1/datasets/[datasetId]/items/route";
import * as tagRoute from "@/app/api/v1/datasets/[datasetId]/tags/[tag]/route";
import * as exportRoute from "@/app/api/v1/datasets/[datasetId]/versions/[version]/export/route";
import * as versionsRoute from "@/app/api/v1/datasets/[datasetId]/versions/route";
import * as datasetsRoute from "@/app/api/v1/datasets/route";
import { contentChecksum } from "@/lib/datasets/content";
import { parseAssayLine } from "@/lib/exports/datasets/assay-jsonl";
import type { Handler } from "@/lib/http/handler";
import { runAssay } from "@/tests/helpers/cli";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";

// `assay dataset diff` and `assay export` as a user runs them: a process talking HTTP to the
// dataset routes, on a dataset with two published versions.

let server: Server;
let base: string;
let project: TestProject;
let dataset: { id: string; name: string };

const ROUTES: [RegExp, Handler, string[]][] = [
  [/^\/api\/v1\/datasets$/, datasetsRoute.GET, []],
  [/^\/api\/v1\/datasets\/([^/]+)\/diff$/, diffRoute.GET, ["datasetId"]],
  [/^\/api\/v1\/datasets\/([^/]+)\/versions\/([^/]+)\/export$/, exportRoute.GET, ["datasetId", "version"]],
];

beforeAll(async () => {
  // The dataset routes behind a plain HTTP server: the command reaches them as it reaches Assay.
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", base);
    const route = ROUTES.map(([pattern, handler, names]) => ({ match: pattern.exec(url.pathname), handler, names })).find((r) => r.match);
    if (!route?.match) {
      res.writeHead(404).end();
      return;
    }
    const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(route.match![i + 1])]));
    const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
    const response = await route.handler(new Request(url, { headers }), { params: Promise.resolve(params) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).pipe(res);
    else res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  project = await makeProject();
  const created = await call(datasetsRoute.POST, { method: "POST", key: project.keys.FULL, body: { name: unique("cli golden") } });
  dataset = created.json;
  const params = { datasetId: dataset.id };
  const items = [1, 2, 3].map((n) => ({ portableId: `00000000-0000-4000-8000-00000000000${n}`, input: `Q${n}`, expectedOutput: `A${n}`, splits: ["test"] }));
  const added = await call(itemsRoute.POST, { method: "POST", key: project.keys.FULL, params, body: { items } });
  await call(versionsRoute.POST, { method: "POST", key: project.keys.FULL, params, body: {} });
  await call(tagRoute.PUT, { method: "PUT", key: project.keys.FULL, params: { ...params, tag: "prod" }, body: { version: 1 } });
  const [first, second] = added.json.results.map((r: { itemId: string }) => r.itemId);
  await call(itemRoute.PATCH, { method: "PATCH", key: project.keys.FULL, params: { ...params, itemId: first }, body: { expectedOutput: "A1, better" } });
  await call(itemRoute.PATCH, { method: "PATCH", key: project.keys.FULL, params: { ...params, itemId: second }, body: { archived: true } });
  await call(itemsRoute.POST, {
    method: "POST",
    key: project.keys.FULL,
    params,
    body: { items: [{ portableId: `00000000-0000-4000-8000-000000000009`, input: "Q9" }] },
  });
  expect((await call(versionsRoute.POST, { method: "POST", key: project.keys.FULL, params, body: {} })).status).toBe(201);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// Each test starts processes (tsx compiles the command first): seconds each on a busy machine.
const SLOW = { timeout: 120_000 };

const assay = runAssay;

describe("assay dataset diff", SLOW, () => {
  it("prints the Markdown summary of two versions named by tag and number, or the whole diff as JSON", async () => {
    const markdown = await assay(project.keys.FULL, "dataset", "diff", dataset.name, "prod", "2", "--url", base);
    expect([markdown.status, markdown.stderr]).toEqual([0, ""]);
    expect(markdown.stdout).toContain(`## ${dataset.name}: v1 (prod) → v2\n`);
    expect(markdown.stdout).toContain("| 1 | 1 | 1 | 1 |");
    expect(markdown.stdout).toContain("`00000000-0000-4000-8000-000000000001` r1 → r2: `/expectedOutput`");
    expect(markdown.stdout).toContain("### Added\n\n- `00000000-0000-4000-8000-000000000009`");

    // The key on the command line instead of the environment.
    const json = await assay("", "dataset", "diff", dataset.name, "1", "prod", "--url", base, "--format", "json", "--api-key", project.keys.FULL);
    expect([json.status, json.stderr]).toEqual([0, ""]);
    const body = JSON.parse(json.stdout);
    expect(body.summary).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 3 });
    expect(body.nextCursor).toBeNull();
  });

  it("stops with status 2 and the API's message and code when the name, a version or the key is wrong", async () => {
    const noName = await assay(project.keys.FULL, "dataset", "diff", "no such dataset", "1", "2", "--url", base);
    expect([noName.status, noName.stderr.trim()]).toEqual([2, 'assay: the project has no dataset named "no such dataset"']);
    const noVersion = await assay(project.keys.FULL, "dataset", "diff", dataset.name, "1", "candidate", "--url", base);
    expect([noVersion.status, noVersion.stderr.trim()]).toEqual([2, "assay: the server answered 404: Version tagged candidate not found (not_found)"]);
    const ingest = await assay(project.keys.INGEST, "dataset", "diff", dataset.name, "1", "2", "--url", base);
    expect([ingest.status, ingest.stderr]).toEqual([2, expect.stringMatching(/^assay: the server answered 403: .*\(forbidden\)\n$/)]);
  });
});

describe("assay export", SLOW, () => {
  it("streams a version to a file, the version's items with its checksum, and nothing on stderr off a terminal", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "assay-export-"));
    const file = path.join(dir, "golden.jsonl");
    const result = await assay(project.keys.FULL, "export", "--dataset", dataset.name, "--version", "prod", "--format", "jsonl", "-o", file, "--url", base);
    expect([result.status, result.stderr, result.stdout]).toEqual([0, "", ""]);
    const text = readFileSync(file, "utf8");
    const items = text.trim().split("\n").map(parseAssayLine);
    expect(items.map((i) => i.portableId)).toEqual([1, 2, 3].map((n) => `00000000-0000-4000-8000-00000000000${n}`));
    const versions = await call(versionsRoute.GET, { key: project.keys.FULL, params: { datasetId: dataset.id } });
    expect(contentChecksum(items)).toBe(versions.json.versions.find((v: { number: number }) => v.number === 1).checksum);
    expect(existsSync(`${file}.part`)).toBe(false);

    const split = await assay(project.keys.FULL, "export", "--dataset", dataset.name, "--version", "2", "--format", "csv", "--split", "test", "--url", base);
    expect([split.status, split.stderr]).toEqual([0, ""]);
    expect(split.stdout.trim().split("\n")).toHaveLength(3);
    rmSync(dir, { recursive: true, force: true });
  });

  it("stops with status 2 and the API's message and code, leaving no file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "assay-export-"));
    const file = path.join(dir, "golden.jsonl");
    const args = ["export", "--dataset", dataset.name, "--format", "jsonl", "-o", file, "--url", base];
    const missing = await assay(project.keys.FULL, ...args, "--version", "7");
    expect([missing.status, missing.stderr.trim()]).toEqual([2, "assay: the server answered 404: Version 7 not found (not_found)"]);
    const badFormat = await assay(project.keys.FULL, ...args.map((a) => (a === "jsonl" ? "parquet" : a)), "--version", "1");
    expect([badFormat.status, badFormat.stderr]).toEqual([2, expect.stringMatching(/^assay: the server answered 422: .*format.*\(validation_failed\)\n$/)]);
    expect(existsSync(file) || existsSync(`${file}.part`)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
