import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { POST as postScores } from "@/app/api/v1/scores/route";
import { POST as postTraces } from "@/app/api/v1/traces/route";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";

// POST /api/v1/traces: per-item results, merging by external id, the frozen-content rule,
// every limit and the text policy, on a real Postgres.

let project: TestProject;
beforeAll(async () => {
  project = await makeProject();
});

const send = (traces: unknown[], key = project.keys.INGEST) => call(postTraces, { method: "POST", key, body: { traces } });

const stored = (externalId: string) =>
  db().trace.findUnique({ where: { projectId_externalId: { projectId: project.id, externalId } }, include: { spans: { orderBy: { spanId: "asc" } } } });

function trace(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: "answer",
    input: { messages: [{ role: "user", content: "How do I share a folder?" }] },
    output: { messages: [{ role: "assistant", content: "Open the folder and choose Share." }] },
    metadata: { region: "eu" },
    tags: ["support"],
    userId: "end-user-1",
    startTime: "2026-11-20T10:00:00+01:00",
    endTime: 1763629201000,
    spans: [
      { id: "root", type: "CHAIN", name: "pipeline", startTime: "2026-11-20T09:00:00Z" },
      { id: "llm", parentId: "root", type: "LLM", name: "chat", model: "gpt-4o", usage: { inputTokens: 12, outputTokens: 30 } },
    ],
    ...extra,
  };
}

describe("a batch of traces", () => {
  it("answers 207 with one accepted result per item, stores traces and spans, and generates missing ids", async () => {
    const id = unique("t");
    const res = await send([trace(id), { name: "no id" }]);
    expect(res.status).toBe(207);
    expect(res.json.accepted).toBe(2);
    expect(res.json.results[0]).toEqual({ index: 0, status: "accepted", id });
    expect(res.json.results[1].id).toMatch(/^[0-9a-f-]{36}$/);
    const row = await stored(id);
    expect(row?.startTime.toISOString()).toBe("2026-11-20T09:00:00.000Z");
    expect(row?.endTime?.getTime()).toBe(1763629201000);
    expect(row?.endUserId).toBe("end-user-1");
    expect(row?.spans.map((s) => [s.spanId, s.type, s.parentSpanId, s.model, s.inputTokens])).toEqual([
      ["llm", "LLM", "root", "gpt-4o", 12],
      ["root", "CHAIN", null, null, null],
    ]);
    // A span without a start begins with its trace.
    expect(row?.spans[0].startTime.toISOString()).toBe("2026-11-20T09:00:00.000Z");
  });

  it("never drops a valid item because a neighbour is invalid", async () => {
    const good = unique("t");
    const res = await send([
      { id: unique("bad"), startTime: "2026-11-20T10:00:00" },
      trace(good),
      "not an object",
      { id: unique("bad"), spans: [{ id: "s" }] },
    ]);
    expect(res.status).toBe(207);
    expect(res.json.results.map((r: { status: string }) => r.status)).toEqual(["rejected", "accepted", "rejected", "rejected"]);
    expect(res.json.results[0]).toMatchObject({ code: "validation_failed", httpStatus: 422 });
    expect(res.json.results[0].message).toContain("startTime");
    expect(res.json.results[3].message).toContain("spans.0.name");
    expect(await stored(good)).not.toBeNull();
  });

  it("stores a retried batch once", async () => {
    const id = unique("t");
    await send([trace(id)]);
    const again = await send([trace(id)]);
    expect(again.json.results[0]).toEqual({ index: 0, status: "accepted", id });
    expect(await db().trace.count({ where: { projectId: project.id, externalId: id } })).toBe(1);
    expect((await stored(id))?.spans).toHaveLength(2);
  });

  it("merges a repeated id: given fields replace, metadata merges, spans are added or replaced by id", async () => {
    const id = unique("t");
    await send([trace(id)]);
    const res = await send([
      {
        id,
        name: "renamed",
        metadata: { plan: "pro" },
        spans: [
          { id: "llm", type: "LLM", name: "chat v2", model: "gpt-4.1" },
          { id: "tool", type: "TOOL", name: "search" },
        ],
      },
    ]);
    expect(res.json.results[0].status).toBe("accepted");
    const row = await stored(id);
    expect(row?.name).toBe("renamed");
    expect(row?.metadata).toEqual({ region: "eu", plan: "pro" });
    expect(row?.tags).toEqual(["support"]);
    expect(row?.input).toEqual(trace(id).input);
    expect(row?.spans.map((s) => [s.spanId, s.name, s.model])).toEqual([
      ["llm", "chat v2", "gpt-4.1"],
      ["root", "pipeline", null],
      ["tool", "search", null],
    ]);
  });

  it("takes concurrent batches that share ids, new and stored, without a deadlock or a lost span", async () => {
    const ids = Array.from({ length: 12 }, () => unique("c"));
    // Half the ids are already stored; every batch holds all of them, in its own order, each with a span of its own.
    await send(ids.slice(0, 6).map((id) => trace(id)));
    const batches = Array.from({ length: 6 }, (_, b) =>
      [...ids].sort(() => (b % 2 ? 1 : -1)).map((id) => ({ id, metadata: { [`batch${b}`]: true }, spans: [{ id: `b${b}`, name: `from batch ${b}` }] })),
    );
    const answers = await Promise.all(batches.map((batch) => send(batch)));
    for (const res of answers) expect(res.json.accepted).toBe(ids.length);
    for (const id of ids) {
      const row = await stored(id);
      expect(
        Object.keys(row?.metadata as object)
          .filter((k) => k.startsWith("batch"))
          .sort(),
      ).toEqual(["batch0", "batch1", "batch2", "batch3", "batch4", "batch5"]);
      expect(row?.spans.map((s) => s.spanId).filter((s) => s.startsWith("b"))).toEqual(["b0", "b1", "b2", "b3", "b4", "b5"]);
    }
    expect(await db().trace.count({ where: { projectId: project.id, externalId: { in: ids } } })).toBe(ids.length);
  });

  it("folds the same id twice in one batch into one trace, in order", async () => {
    const id = unique("t");
    const res = await send([trace(id), { id, output: "second", spans: [{ id: "extra", name: "x" }] }]);
    expect(res.json.results.map((r: { status: string }) => r.status)).toEqual(["accepted", "accepted"]);
    const row = await stored(id);
    expect(row?.output).toBe("second");
    expect(row?.spans).toHaveLength(3);
  });
});

describe("frozen content", () => {
  it("refuses a change to input or output once a person scored the trace, and still takes metadata, tags and new spans", async () => {
    const id = unique("t");
    await send([trace(id)]);
    const score = await call(postScores, {
      method: "POST",
      key: project.keys.INGEST,
      body: { scores: [{ traceId: id, name: "helpful", value: true, source: "HUMAN", sourceName: "ann@vendor" }] },
    });
    expect(score.json.results[0].status).toBe("accepted");

    const changed = await send([{ id, output: "something else" }, { id: unique("t") }]);
    expect(changed.json.results[0]).toMatchObject({ status: "rejected", code: "trace_locked", httpStatus: 409, id });
    expect(changed.json.results[1].status).toBe("accepted");
    expect((await stored(id))?.output).toEqual(trace(id).output);

    const same = await send([{ ...trace(id), tags: ["support", "reviewed"], spans: [{ id: "late", name: "late span" }] }]);
    expect(same.json.results[0].status).toBe("accepted");
    const row = await stored(id);
    expect(row?.tags).toEqual(["support", "reviewed"]);
    expect(row?.spans.map((s) => s.spanId)).toContain("late");
  });

  it("treats locked_at as frozen too", async () => {
    const id = unique("t");
    await send([trace(id)]);
    await db().trace.updateMany({ where: { projectId: project.id, externalId: id }, data: { lockedAt: new Date() } });
    const res = await send([{ id, input: "edited" }]);
    expect(res.json.results[0].code).toBe("trace_locked");
  });
});

describe("limits", () => {
  it("refuses a body over 10 MiB with 413 payload_too_large and writes nothing", async () => {
    const id = unique("big");
    const res = await send([{ id, input: "x".repeat(10 * 1024 * 1024) }]);
    expect(res.status).toBe(413);
    expect(res.json.code).toBe("payload_too_large");
    expect(await stored(id)).toBeNull();
  });

  it("refuses more than 1,000 items with 413 batch_too_large", async () => {
    const res = await send(Array.from({ length: 1001 }, () => ({})));
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ code: "batch_too_large", type: "urn:assay:problem:batch_too_large" });
  });

  it("rejects, per item, deep nesting, oversized fields, too many attributes and too many spans", async () => {
    // 10,000 levels: more than JSON.stringify itself can produce, so the body is written by hand.
    const deep = `{"input":${"[".repeat(10_000)}${"]".repeat(10_000)}}`;
    const attributes = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i]));
    const rest = JSON.stringify([
      { output: "y".repeat(1024 * 1024 + 1) },
      { metadata: attributes },
      { spans: [{ id: "s", name: "s", attributes }] },
      { spans: Array.from({ length: 1001 }, (_, i) => ({ id: `s${i}`, name: "s" })) },
      { input: Array.from({ length: 100_001 }, () => 0) },
      { name: "fine" },
    ]);
    const res = await call(postTraces, { method: "POST", key: project.keys.INGEST, rawBody: `{"traces":[${deep},${rest.slice(1)}}` });
    expect(res.status).toBe(207);
    expect(res.json.results.map((r: { code?: string }) => r.code ?? r)).toEqual([
      "too_deep",
      "field_too_large",
      "too_many_attributes",
      "too_many_attributes",
      "too_many_spans",
      "too_many_attributes",
      expect.objectContaining({ status: "accepted" }),
    ]);
    expect(res.json.results[1].httpStatus).toBe(413);
  });
});

describe("the text policy", () => {
  it("replaces NUL and lone surrogates with U+FFFD, keeps the item, and says so", async () => {
    const id = unique("nul");
    const res = await send([
      { id, name: "a\u0000b", input: { "k\u0000": "x\ud800y", ok: "😀" }, spans: [{ id: "s\u0000", name: "n", attributes: { v: "\udc00" } }] },
    ]);
    expect(res.json.results[0]).toEqual({ index: 0, status: "accepted", id, warnings: ["text_replaced"] });
    const row = await stored(id);
    expect(row?.name).toBe("a\ufffdb");
    expect(row?.input).toEqual({ "k\ufffd": "x\ufffdy", ok: "😀" });
    expect(row?.spans[0].spanId).toBe("s\ufffd");
    expect(row?.spans[0].attributes).toEqual({ v: "\ufffd" });
  });
});
