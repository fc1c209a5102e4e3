import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { V1_ROUTES } from "@/app/api/v1/openapi.json/routes";
import type { Handler } from "@/lib/http/handler";
import { openApiDocument } from "@/lib/http/openapi";
import { CSV_COLUMNS } from "@/lib/exports/labels";

// The document is generated from the routes' specs (lib/http/openapi.ts); these tests prove
// it covers every public route, answers included, and holds together as OpenAPI 3.1.

interface Response {
  description?: string;
  content?: Record<string, { schema?: object }>;
}
interface Operation {
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: { enum?: unknown[] } }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: object }> };
  responses: Record<string, Response>;
}
// The generated JSON Schemas are walked by name in the assertions below, arrays and objects alike.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SchemaNode = any;
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, SchemaNode> } } & Record<string, unknown>;

const V1 = path.resolve("app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : [],
  );
}

/** Every public v1 route as "METHOD /api/v1/…/{param}", read from the route files themselves. */
function v1Operations(): string[] {
  return routeFiles(V1).flatMap((file) => {
    const folder = path.relative(V1, path.dirname(file)).split(path.sep).join("/");
    if (folder === "openapi.json") return [];
    const url = `/api/v1/${folder}`.replace(/\[([^\]]+)\]/g, "{$1}");
    const text = readFileSync(file, "utf8");
    return METHODS.filter((m) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(text)).map((m) => `${m} ${url}`);
  });
}

/** Every `$ref` anywhere in the document. */
function refs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refs);
  if (!node || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([k, v]) => (k === "$ref" && typeof v === "string" ? [v] : refs(v)));
}

describe("the OpenAPI document", () => {
  const doc = JSON.parse(JSON.stringify(openApiDocument(V1_ROUTES))) as Doc;

  it("describes the trace batch from the schema that validates it", () => {
    const batch = doc.components.schemas.TraceBatch;
    expect(batch.properties.traces.maxItems).toBe(1000);
    const trace = batch.properties.traces.items;
    expect(Object.keys(trace.properties)).toEqual(
      expect.arrayContaining([
        "id",
        "name",
        "input",
        "output",
        "metadata",
        "tags",
        "sessionId",
        "userId",
        "release",
        "promptVersion",
        "startTime",
        "endTime",
        "spans",
      ]),
    );
    expect(trace.properties.spans.items.properties.type.enum).toEqual(["LLM", "RETRIEVAL", "TOOL", "CHAIN", "EMBEDDING", "GUARDRAIL", "OTHER"]);
    // Timestamps: an ISO string with offset or epoch milliseconds.
    expect(trace.properties.startTime.anyOf.map((s: { type: string }) => s.type).sort()).toEqual(["integer", "string"]);
  });

  it("describes every method of every public v1 route", () => {
    const operations = v1Operations();
    expect(operations.length).toBeGreaterThan(10);
    const documented = Object.entries(doc.paths).flatMap(([url, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${url}`));
    expect(operations.filter((o) => !documented.includes(o))).toEqual([]);
    // …and nothing that is not a route.
    expect(documented.filter((o) => o.includes("/api/v1/") && !operations.includes(o))).toEqual([]);
  });

  it("lists the trace filters as query parameters", () => {
    const names = doc.paths["/api/v1/traces"].get.parameters!.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "from",
        "to",
        "name",
        "tags",
        "release",
        "promptVersion",
        "sessionId",
        "userId",
        "metaKey",
        "metaValue",
        "model",
        "scoreName",
        "scoreValue",
        "q",
        "cursor",
        "limit",
      ]),
    );
    expect(doc.components.schemas.ScoreBatch.properties.scores.items.properties.source.enum).toEqual(["END_USER", "LLM_JUDGE", "CODE", "HUMAN"]);
  });

  it("holds together: refs resolve, path templates have their parameters, every v1 operation can answer 401 and 403", () => {
    for (const ref of refs(doc)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.split("/").at(-1)!], ref).toBeDefined();
    }
    for (const [url, item] of Object.entries(doc.paths)) {
      const templated = [...url.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(item)) {
        expect(["get", "post", "put", "patch", "delete"], `${method} ${url}`).toContain(method);
        const inPath = (op.parameters ?? []).filter((p) => p.in === "path");
        expect(inPath.map((p) => p.name).sort(), `${method} ${url}`).toEqual(templated);
        expect(inPath.every((p) => p.required)).toBe(true);
        const codes = Object.keys(op.responses);
        expect(
          codes.some((c) => c.startsWith("2")),
          `${method} ${url}`,
        ).toBe(true);
        if (url.startsWith("/api/v1/")) expect(codes, `${method} ${url}`).toEqual(expect.arrayContaining(["401", "403"]));
        const names = (op.parameters ?? []).map((p) => `${p.in} ${p.name}`);
        expect(new Set(names).size, `${method} ${url}`).toBe(names.length);
      }
    }
  });

  it("describes the queue change from the schema that validates it", () => {
    const update = doc.components.schemas.QueueUpdate;
    expect(Object.keys(update.properties).sort()).toEqual([
      "blind",
      "consensusPolicy",
      "ingestRaters",
      "instructions",
      "name",
      "ordering",
      "overlap",
      "status",
    ]);
    expect(update.required ?? []).toEqual([]);
    expect(update.properties.ordering.oneOf ?? update.properties.ordering.anyOf).toHaveLength(3);
    expect(doc.paths["/api/v1/queues/{queueId}"].patch.requestBody).toMatchObject({
      content: { "application/json": { schema: { $ref: "#/components/schemas/QueueUpdate" } } },
    });
  });

  it("describes the queue and label routes' input from the schemas their routes validate with", () => {
    const create = doc.components.schemas.QueueCreate;
    expect(create.required.sort()).toEqual(["name", "rubricVersionId"]);
    expect(create.properties.mode.enum).toEqual(["SINGLE", "PAIRWISE"]);
    expect(Object.keys(doc.components.schemas.ItemsAdd.properties).sort()).toEqual(["group", "pairs", "traceIds"]);
    expect(doc.components.schemas.MembersAdd.properties.userIds.minItems).toBe(1);
    const annotations = doc.paths["/api/v1/annotations"].get.parameters!;
    expect(annotations.map((p) => [p.name, p.required])).toEqual([
      ["cursor", false],
      ["limit", false],
      ["queue", true],
      ["current", false],
    ]);
    const exportFormat = doc.paths["/api/v1/annotations/export"].get.parameters!.find((p) => p.name === "format");
    expect(exportFormat?.schema?.enum).toEqual(["csv", "jsonl"]);
    expect(Object.keys(doc.paths["/api/v1/annotations/export"].get.responses["200"] as object)).toContain("content");
  });

  it("is built from a list of route modules that matches the files under app/api/v1", () => {
    const listed = V1_ROUTES.flatMap(([url, mod]) => METHODS.filter((m) => mod[m]).map((m) => `${m} ${url}`));
    expect(listed.sort()).toEqual(v1Operations().sort());
  });

  it("documents an answer schema for every public v1 operation: the route's own, or a described download", () => {
    for (const [url, mod] of V1_ROUTES) {
      for (const method of METHODS.filter((m) => mod[m])) {
        const { meta } = mod[method] as Handler;
        const op = doc.paths[url][method.toLowerCase()];
        const success = op.responses[String(meta.status)];
        expect(success?.content, `${method} ${url}`).toBeDefined();
        for (const [media, { schema }] of Object.entries(success.content!)) expect(schema, `${method} ${url} ${media}`).toBeDefined();
        // JSON answers come from the spec's answer schema, which the wrapper checks answers against.
        if (success.content!["application/json"]) expect(meta.answer, `${method} ${url}`).toBeDefined();
      }
    }
  });

  it("has the structure of an OpenAPI 3.1 document", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    for (const [url, item] of Object.entries(doc.paths)) {
      expect(url).toMatch(/^\//);
      for (const [method, op] of Object.entries(item)) {
        const at = `${method} ${url}`;
        expect(op.summary, at).toEqual(expect.any(String));
        expect(Object.keys(op.responses).length, at).toBeGreaterThan(0);
        for (const [code, response] of Object.entries(op.responses)) {
          expect(code, at).toMatch(/^[1-5]\d\d$/);
          expect(response.description, `${at} ${code}`).toEqual(expect.any(String));
          for (const media of Object.values(response.content ?? {})) expect(typeof media, `${at} ${code}`).toBe("object");
        }
        if (op.requestBody) expect(Object.values(op.requestBody.content ?? {}).length, at).toBeGreaterThan(0);
      }
    }
    for (const [name, s] of Object.entries(doc.components.schemas)) {
      expect(s.$schema, name).toBeUndefined();
      expect(s.$id, name).toBeUndefined();
    }
  });

  it("describes a label with the fields the download writes", () => {
    expect(Object.keys(doc.components.schemas.Annotation.properties)).toEqual([...CSV_COLUMNS]);
  });
});
