import { beforeAll, describe, expect, it } from "vitest";
import { POST as postTraces } from "@/app/api/v1/traces/route";
import { db } from "@/lib/db/client";
import { call, makeProject, unique } from "@/tests/helpers/fixtures";
import { type RouteCase, allRoutes, callerFor, makeInstanceAdmin, requestFor } from "@/tests/helpers/routes";

// Keys that reach a prototype when assigned ("__proto__", "constructor", "prototype"), added
// to every object of every route's body: nothing answers 5xx, nothing reaches Object.prototype,
// and where such a key is stored it is stored as data.

const KEYS = ["__proto__", "constructor", "prototype"];
const PAYLOAD = { polluted: "yes", isInstanceAdmin: true, role: "ADMIN", scope: "FULL" };

/** The value with the keys added, as own properties, to each of its objects. */
function withKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withKeys);
  if (value === null || typeof value !== "object") return value;
  const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withKeys(v)]));
  for (const key of KEYS) Object.defineProperty(out, key, { value: PAYLOAD, enumerable: true, writable: true, configurable: true });
  return out;
}

let routes: RouteCase[];
let instanceAdmin: string;

beforeAll(async () => {
  routes = (await allRoutes()).filter((r) => r.handler.meta.body);
  instanceAdmin = await makeInstanceAdmin();
});

describe("keys named like prototypes stay data", () => {
  it("are harmless in every object of every route's body", async () => {
    for (const r of routes) {
      const project = await makeProject();
      const request = requestFor(r, project, unique("pk"));
      const res = await call(r.handler, { ...request, body: withKeys(request.body), ...callerFor(r, project, instanceAdmin) });
      expect(res.status, `${r.method} ${r.url}`).toBeLessThan(500);
      expect(({} as Record<string, unknown>).polluted, `${r.method} ${r.url}`).toBeUndefined();
    }
    expect(routes.length).toBeGreaterThan(20);
  }, 300_000);

  it("are stored as plain keys of a trace's metadata, merged across items", async () => {
    const project = await makeProject();
    const id = unique("t");
    const items = [0, 1].map((n) => ({ id, metadata: withKeys({ n }), spans: [{ id: "s", name: "x", attributes: withKeys({ n }) }] }));
    const res = await call(postTraces, { method: "POST", key: project.keys.INGEST, body: { traces: items } });
    expect(res.json.accepted).toBe(2);
    const trace = await db().trace.findFirstOrThrow({ where: { projectId: project.id, externalId: id }, include: { spans: true } });
    for (const stored of [trace.metadata, trace.spans[0].attributes] as Record<string, unknown>[]) {
      expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
      expect(stored.n).toBe(1);
      expect("polluted" in stored).toBe(false);
    }
  });
});
