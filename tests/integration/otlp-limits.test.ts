import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postTraces } from "@/app/api/v1/traces/route";
import { db, pool } from "@/lib/db/client";
import { isRejection, prepareTraceItem } from "@/lib/traces/prepare";
import { writePrepared } from "@/lib/traces/ingest";
import { type TestProject, call, makeProject } from "@/tests/helpers/fixtures";
import { type AnyValueJson, kv, kvlist, nested, sendOtlp, str } from "@/tests/helpers/otlp";

// Hostile OTLP: the same cleaning and caps as the REST API, nesting that no walk may
// overflow on, and attribute keys that must never reach a prototype. Both encodings.

let project: TestProject;
beforeAll(async () => {
  project = await makeProject();
});

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const stored = (externalId: string) =>
  db().trace.findUnique({ where: { projectId_externalId: { projectId: project.id, externalId } }, include: { spans: { orderBy: { spanId: "asc" } } } });
const FORMATS = ["json", "protobuf"] as const;

describe("OTLP cleans the trace's fields like REST", () => {
  // Protobuf strings are UTF-8, which cannot hold a lone surrogate; NUL it can.
  const cases = [
    { where: "span", key: "session.id", column: "sessionId" },
    { where: "span", key: "user.id", column: "endUserId" },
    { where: "span", key: "enduser.id", column: "endUserId" },
    { where: "resource", key: "service.version", column: "release" },
  ] as const;
  for (const format of FORMATS) {
    for (const bad of format === "json" ? ["\u0000", "\ud800"] : ["\u0000"]) {
      for (const c of cases) {
        it(`replaces ${JSON.stringify(bad)} in ${c.where} ${c.key} (${format})`, async () => {
          const traceId = hex(16);
          const attrs = [kv(c.key, str(`a${bad}b`))];
          const res = await sendOtlp(project.keys.INGEST, format, {
            resource: c.where === "resource" ? attrs : [],
            spans: [{ traceId, spanId: hex(8), name: "s", attributes: c.where === "span" ? attrs : [] }],
          });
          expect(res).toMatchObject({ status: 200, rejectedSpans: 0 });
          expect(res.errorMessage).toContain("U+FFFD");
          expect((await stored(traceId))![c.column]).toBe("a\ufffdb");
        });
      }
    }
  }
});

describe("every indexed text column of traces and spans is capped on every path", () => {
  const long = "x".repeat(3000);
  // How each column is filled: by REST (the file import sends its rows through the same
  // batch ingestion) and by OTLP, where ids are hex of a fixed length.
  const columns: Record<string, { rest: (v: string) => Record<string, unknown>; otlp: { where: "span" | "resource"; key: string }[] | "fixed-length id" }> = {
    "traces.external_id": { rest: (v) => ({ id: v }), otlp: "fixed-length id" },
    "traces.session_id": {
      rest: (v) => ({ sessionId: v }),
      otlp: [
        { where: "span", key: "session.id" },
        { where: "span", key: "gen_ai.conversation.id" },
        { where: "resource", key: "session.id" },
      ],
    },
    "traces.end_user_id": {
      rest: (v) => ({ userId: v }),
      otlp: [
        { where: "span", key: "user.id" },
        { where: "span", key: "enduser.id" },
        { where: "resource", key: "user.id" },
        { where: "resource", key: "enduser.id" },
      ],
    },
    "traces.tags": { rest: (v) => ({ tags: [v] }), otlp: [] },
    "spans.span_id": { rest: (v) => ({ spans: [{ id: v, name: "s" }] }), otlp: "fixed-length id" },
  };

  it("knows every index on a text column", async () => {
    const rows = await db().$queryRaw<{ col: string }[]>`
      SELECT DISTINCT c.relname || '.' || a.attname AS col
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
       WHERE c.relname IN ('traces', 'spans') AND a.atttypid IN ('text'::regtype, 'text[]'::regtype, 'varchar'::regtype)`;
    expect(rows.map((r) => r.col).sort()).toEqual(Object.keys(columns).sort());
  });

  for (const [column, paths] of Object.entries(columns)) {
    it(`refuses 3,000 characters in ${column} through REST, with a reason`, async () => {
      const res = await call(postTraces, { method: "POST", key: project.keys.INGEST, body: { traces: [{ ...paths.rest(long) }, { name: "neighbour" }] } });
      expect(res.status).toBe(207);
      expect(res.json.results[0]).toMatchObject({ status: "rejected", code: "validation_failed", message: expect.stringMatching(/200/) });
      expect(res.json.results[1].status).toBe("accepted");
    });
    if (paths.otlp === "fixed-length id") continue;
    for (const { where, key } of paths.otlp) {
      for (const format of FORMATS) {
        it(`rejects one span for 3,000 characters in ${where} ${key} (${format}), keeping the others`, async () => {
          const [bad, good] = [hex(16), hex(16)];
          const attrs = [kv(key, str(long))];
          const res = await sendOtlp(project.keys.INGEST, format, {
            resource: where === "resource" ? attrs : [],
            spans: [{ traceId: bad, spanId: hex(8), name: "s", attributes: where === "span" ? attrs : [] }],
          });
          expect(res).toMatchObject({ status: 200, rejectedSpans: 1 });
          expect(res.errorMessage).toMatch(/200 characters/);
          expect(res.errorMessage).not.toMatch(/retry/);
          expect(await stored(bad)).toBeNull();
          expect(
            (
              await sendOtlp(project.keys.INGEST, format, {
                spans: [{ traceId: good, spanId: hex(8), name: "s", attributes: [kv(key, str("x".repeat(200)))] }],
              })
            ).rejectedSpans,
          ).toBe(0);
        });
      }
    }
  }

  it("does not call a value the database refuses safe to retry", async () => {
    const item = prepareTraceItem({ id: hex(16) }, 0);
    if (isRejection(item)) throw new Error(item.message);
    // Past every cap, as a path that forgot one would hand it over (random: btree entries are compressed).
    const outcome = await writePrepared(
      pool(),
      project.id,
      [{ ...item, trace: { ...item.trace, end_user_id: randomBytes(8000).toString("base64") } }],
      Infinity,
    );
    expect(outcome.results[0]).toMatchObject({ status: "rejected", code: "internal_error" });
    expect(outcome.results[0].message).not.toMatch(/retry/);
  });
});

describe("nesting deeper than the limit rejects its span, never the request", () => {
  const deepArray = (depth: number): AnyValueJson => {
    let v: AnyValueJson = str("bottom");
    for (let i = 0; i < depth; i++) v = { arrayValue: { values: [v] } };
    return v;
  };
  for (const format of FORMATS) {
    for (const [label, value] of [
      ["kvlist 10,000", nested(10_000)],
      ["kvlist 40", nested(40)],
      ["array 10,000", deepArray(10_000)],
    ] as const) {
      it(`${label} levels deep in a span attribute (${format})`, async () => {
        const [deep, fine] = [hex(16), hex(16)];
        const res = await sendOtlp(project.keys.INGEST, format, {
          spans: [
            { traceId: deep, spanId: hex(8), name: "deep", attributes: [kv("v", value)] },
            { traceId: fine, spanId: hex(8), name: "fine", attributes: [kv("v", nested(20))] },
          ],
        });
        expect(res).toMatchObject({ status: 200, rejectedSpans: 1 });
        expect(res.errorMessage).toMatch(/deeper than 32/);
        expect(await stored(deep)).toBeNull();
        expect((await stored(fine))!.spans.map((s) => s.name)).toEqual(["fine"]);
      });
    }
  }

  it("rejects a resource's spans when the resource attributes are too deep (json)", async () => {
    const traceId = hex(16);
    const res = await sendOtlp(project.keys.INGEST, "json", {
      resource: [kv("deep", nested(5000))],
      spans: [
        { traceId, spanId: hex(8), name: "a" },
        { traceId, spanId: hex(8), name: "b" },
      ],
    });
    expect(res).toMatchObject({ status: 200, rejectedSpans: 2 });
    expect(res.errorMessage).toMatch(/resource.*deeper than 32/);
  });

  it("REST batch items with 10,000-deep input, output or metadata are rejected one by one", async () => {
    // Written as text: JSON.stringify would overflow on it before the server could.
    const deep = `${'{"k":'.repeat(10_000)}"bottom"${"}".repeat(10_000)}`;
    const items = [
      `{"input":${deep}}`,
      `{"output":[${deep}]}`,
      `{"metadata":{"m":${deep}}}`,
      `{"spans":[{"id":"s","name":"s","attributes":{"a":${deep}}}]}`,
      `{"name":"fine"}`,
    ];
    const res = await call(postTraces, { method: "POST", key: project.keys.INGEST, rawBody: `{"traces":[${items.join(",")}]}` });
    expect(res.status).toBe(207);
    expect(res.json.results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual([
      "too_deep",
      "too_deep",
      "too_deep",
      "too_deep",
      "accepted",
    ]);
  });
});

describe("attribute keys never reach a prototype", () => {
  const hostile = (where: string) => [
    kv("__proto__", kvlist({ "service.version": str(`polluted-${where}`), "user.id": str("someone-else"), "session.id": str("stolen") })),
    kv("constructor", kvlist({ prototype: kvlist({ polluted: str("yes") }) })),
    kv("prototype", str(`plain-${where}`)),
  ];
  for (const format of FORMATS) {
    it(`as resource, scope and span keys and inside kvlists (${format})`, async () => {
      const traceId = hex(16);
      const inside = kv("config", kvlist({ ["__proto__"]: kvlist({ "user.id": str("inner") }), constructor: str("c"), prototype: str("p") }));
      const res = await sendOtlp(project.keys.INGEST, format, {
        resource: hostile("resource"),
        scope: hostile("scope"),
        spans: [{ traceId, spanId: hex(8), name: "s", attributes: [...hostile("span"), inside] }],
      });
      expect(res).toMatchObject({ status: 200, rejectedSpans: 0 });
      const row = (await stored(traceId))!;
      expect([row.release, row.endUserId, row.sessionId]).toEqual([null, null, null]);
      const attributes = row.spans[0].attributes as Record<string, unknown>;
      expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
      expect(attributes.prototype).toBe("plain-span");
      expect(Object.hasOwn(attributes, "constructor")).toBe(true);
      const config = attributes.config as Record<string, unknown>;
      expect([config.constructor, config.prototype, Object.hasOwn(config, "__proto__")]).toEqual(["c", "p", true]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }
});
