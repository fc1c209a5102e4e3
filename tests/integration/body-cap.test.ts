import { createGzip, gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { IMPORT_LIMITS } from "@/lib/imports/schemas";
import { LIMITS } from "@/lib/traces/limits";
import { call, makeProject } from "@/tests/helpers/fixtures";
import { type RouteCase, allRoutes, callerFor, makeInstanceAdmin, refusesEveryKey, requestFor } from "@/tests/helpers/routes";

// Every body on every route is read through one capped stream: a chunked body far over the
// cap, with no Content-Length, is answered 413 once the cap is passed, and the rest of it is
// never pulled. A gzip bomb is stopped the same way after decompression. Each sweep walks every
// route with a project of its own, so it is given minutes, not the default half-minute.

const CHUNK = 64 * 1024;
// Routes that read their body themselves rather than through a JSON schema.
const RAW = new Map([
  ["/api/otel/v1/traces POST", LIMITS.otlpBytes],
  ["/api/projects/[project]/imports/[importId]/chunks POST", IMPORT_LIMITS.chunkBytes],
  ["/api/projects/[project]/datasets/[datasetId]/imports/[importId]/chunks POST", IMPORT_LIMITS.chunkBytes],
]);

/** A body that never ends on its own (up to `total` bytes), counting what the reader pulled. */
function endless(total: number, fill: (i: number) => Uint8Array) {
  const seen = { pulled: 0 };
  let i = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.pulled >= total) return controller.close();
        const chunk = fill(i++);
        seen.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

/** `bytes` of spaces, gzipped a mebibyte at a time so the bomb is built without holding it whole. */
async function bombOf(bytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on("data", (b: Buffer) => parts.push(b));
  const done = new Promise((resolve) => gzip.on("end", resolve));
  const mib = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < bytes / mib.length; i++) if (!gzip.write(mib)) await new Promise((r) => gzip.once("drain", r));
  gzip.end();
  await done;
  return Buffer.concat(parts);
}

let routes: RouteCase[];
let instanceAdmin: string;

beforeAll(async () => {
  routes = (await allRoutes()).filter((r) => r.method !== "GET" && !refusesEveryKey(r));
  instanceAdmin = await makeInstanceAdmin();
});

async function send(r: RouteCase, body: ReadableStream<Uint8Array>, headers: Record<string, string>) {
  // A project of its own: a route that ignores its body may act on it (a delete, a claim).
  const project = await makeProject();
  const { method, path, params } = requestFor(r, project, "cap");
  return call(r.handler, { method, path, params, ...callerFor(r, project, instanceAdmin), rawBody: body, headers });
}

const contentType = (r: RouteCase) => (r.url.endsWith("/chunks") ? "application/octet-stream" : "application/json");
const capOf = (r: RouteCase) => RAW.get(`${r.url} ${r.method}`) ?? r.handler.meta.maxBodyBytes!;
const reads = (r: RouteCase) => Boolean(r.handler.meta.body) || RAW.has(`${r.url} ${r.method}`);

describe("request bodies are capped while they stream in", () => {
  it("answers 413 to a chunked body over the cap on every route that reads one, without pulling the rest", async () => {
    let capped = 0;
    for (const r of routes) {
      const cap = capOf(r);
      const { stream, seen } = endless(cap * 4, () => new Uint8Array(CHUNK).fill(0x20));
      const res = await send(r, stream, { "content-type": contentType(r) });
      const label = `${r.method} ${r.url}`;
      expect(res.status, label).toBeLessThan(500);
      expect(seen.pulled, label).toBeLessThanOrEqual(cap + 2 * CHUNK);
      if (reads(r)) {
        expect(res.status, label).toBe(413);
        capped++;
      }
    }
    expect(capped).toBeGreaterThan(20);
  }, 300_000);

  it("stops a gzip bomb after decompression on every route that reads a body", async () => {
    let capped = 0;
    const bombs = new Map<number, Buffer>();
    for (const r of routes.filter(reads)) {
      const cap = capOf(r);
      const bomb = bombs.get(cap) ?? (await bombOf(cap * 2));
      bombs.set(cap, bomb);
      const piece = 1024;
      const { stream } = endless(bomb.length, (i) => bomb.subarray(i * piece, (i + 1) * piece));
      const res = await send(r, stream, { "content-type": contentType(r), "content-encoding": "gzip" });
      const label = `${r.method} ${r.url}`;
      expect(res.status, label).toBe(413);
      // Refused on what it would become, not on the few kilobytes that arrived.
      expect(res.json?.detail ?? res.json?.message, label).toMatch(/decompressed/);
      capped++;
    }
    expect(capped).toBeGreaterThan(20);
  }, 300_000);

  it("still reads a gzip JSON body under the cap", async () => {
    const r = routes.find((x) => x.url === "/api/v1/traces" && x.method === "POST")!;
    const project = await makeProject();
    const body = gzipSync(JSON.stringify({ traces: [{ id: "zipped", name: "zipped" }] }));
    const res = await call(r.handler, { method: "POST", key: project.keys.INGEST, rawBody: body, headers: { "content-encoding": "gzip" } });
    expect(res.status).toBe(207);
    expect(res.json.accepted).toBe(1);
  });
});
