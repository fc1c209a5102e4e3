import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { type Span, SpanKind, SpanStatusCode, context, trace } from "@opentelemetry/api";
import { OTLPTraceExporter as HttpExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { SimpleSpanProcessor, type SpanExporter, TracerProvider } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/otel/v1/traces/route";
import { db } from "@/lib/db/client";
import { type TestProject, call, makeProject } from "@/tests/helpers/fixtures";

// The real OpenTelemetry JS SDK and its OTLP exporters (protobuf and JSON, gzip or not)
// send GenAI spans to the receiver, served over HTTP as Next.js would serve it.

let project: TestProject;
let server: Server;
let url: string;
const formatsSeen = new Set<string>();

beforeAll(async () => {
  project = await makeProject();
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    formatsSeen.add(`${req.headers["content-type"]} ${req.headers["content-encoding"] ?? "identity"}`);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const response = await POST(new Request(`http://assay.test${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }), {
      params: Promise.resolve({}),
    });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/otel/v1/traces`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

function provider(exporter: SpanExporter) {
  return new TracerProvider({
    resource: resourceFromAttributes({ "service.name": "support-bot", "service.version": "2.3.0" }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
}

const exporters = {
  protobuf: () => new ProtoExporter({ url, headers: { Authorization: `Bearer ${project.keys.INGEST}` } }),
  "protobuf+gzip": () => new ProtoExporter({ url, headers: { Authorization: `Bearer ${project.keys.INGEST}` }, compression: "gzip" as never }),
  json: () => new HttpExporter({ url, headers: { Authorization: `Bearer ${project.keys.INGEST}` } }),
  "json+gzip": () => new HttpExporter({ url, headers: { Authorization: `Bearer ${project.keys.INGEST}` }, compression: "gzip" as never }),
};

const storedTrace = (externalId: string) =>
  db().trace.findUnique({ where: { projectId_externalId: { projectId: project.id, externalId } }, include: { spans: { orderBy: { startTime: "asc" } } } });

function child(tracer: ReturnType<TracerProvider["getTracer"]>, parent: Span, name: string, attributes: Record<string, string | number>, start: number) {
  const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes, startTime: start }, trace.setSpan(context.active(), parent));
  return span;
}

describe("OpenTelemetry SDK exporters", () => {
  for (const [kind, make] of Object.entries(exporters)) {
    it(`maps GenAI spans sent by the ${kind} exporter`, async () => {
      const p = provider(make());
      const tracer = p.getTracer("test");
      const t0 = Date.now() - 1000;
      const root = tracer.startSpan("handle question", { startTime: t0, attributes: { "session.id": "sess-1", "user.id": "u-42" } });
      const llm = child(
        tracer,
        root,
        "chat gpt-4o",
        {
          "gen_ai.operation.name": "chat",
          "gen_ai.provider.name": "openai",
          "gen_ai.request.model": "gpt-4o",
          "gen_ai.response.model": "gpt-4o-2024-08-06",
          "gen_ai.usage.input_tokens": 42,
          "gen_ai.usage.output_tokens": 7,
          "gen_ai.system_instructions": JSON.stringify([{ type: "text", content: "Be brief." }]),
          "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: "Where is my invoice?" }] }]),
          "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: "Under Billing." }], finish_reason: "stop" }]),
        },
        t0 + 10,
      );
      llm.end(t0 + 500);
      const legacy = child(
        tracer,
        root,
        "completion",
        {
          "gen_ai.system": "anthropic",
          "gen_ai.request.model": "claude-x",
          "gen_ai.prompt.0.role": "user",
          "gen_ai.prompt.0.content": "Hi",
          "gen_ai.completion.0.role": "assistant",
          "gen_ai.completion.0.content": "Hello!",
        },
        t0 + 600,
      );
      legacy.setStatus({ code: SpanStatusCode.ERROR, message: "rate limited" });
      legacy.end(t0 + 700);
      root.end(t0 + 800);
      await p.forceFlush();
      await p.shutdown();

      const traceId = root.spanContext().traceId;
      const row = await storedTrace(traceId);
      expect(row, kind).not.toBeNull();
      expect(row!.name).toBe("handle question");
      expect(row!.input).toEqual({
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "Where is my invoice?" },
        ],
      });
      expect(row!.output).toEqual({ messages: [{ role: "assistant", content: "Under Billing.", finishReason: "stop" }] });
      expect([row!.sessionId, row!.endUserId, row!.release]).toEqual(["sess-1", "u-42", "2.3.0"]);
      expect(row!.startTime.getTime()).toBe(t0);
      expect(row!.spans.map((s) => [s.name, s.type, s.model, s.inputTokens, s.outputTokens, s.parentSpanId])).toEqual([
        ["handle question", "OTHER", null, null, null, null],
        ["chat gpt-4o", "LLM", "gpt-4o-2024-08-06", 42, 7, root.spanContext().spanId],
        ["completion", "LLM", "claude-x", null, null, root.spanContext().spanId],
      ]);
      const old = row!.spans[2];
      expect(old.input).toEqual({ messages: [{ role: "user", content: "Hi" }] });
      expect(old.output).toEqual({ messages: [{ role: "assistant", content: "Hello!" }] });
      expect(old.status).toBe("ERROR: rate limited");
      expect(old.attributes).toMatchObject({ "gen_ai.provider.name": "anthropic" });
      expect(row!.spans[1].attributes).not.toHaveProperty("gen_ai.input.messages");
    });
  }

  it("received every encoding the exporters can send", () => {
    expect([...formatsSeen].sort()).toEqual([
      "application/json gzip",
      "application/json identity",
      "application/x-protobuf gzip",
      "application/x-protobuf identity",
    ]);
  });

  it("merges a trace sent over two requests, the root span arriving last", async () => {
    const p = provider(exporters.protobuf());
    const tracer = p.getTracer("test");
    const t0 = Date.now() - 5000;
    const root = tracer.startSpan("agent run", { startTime: t0 });
    const llm = child(
      tracer,
      root,
      "llm",
      {
        "llm.model_name": "mistral",
        "openinference.span.kind": "LLM",
        "llm.input_messages.0.message.role": "user",
        "llm.input_messages.0.message.content": "Q?",
        "llm.output_messages.0.message.role": "assistant",
        "llm.output_messages.0.message.content": "A.",
      },
      t0 + 100,
    );
    llm.end(t0 + 200);
    await p.forceFlush();
    const traceId = root.spanContext().traceId;
    const partial = await storedTrace(traceId);
    expect(partial!.name).toBe("llm");
    expect(partial!.input).toEqual({ messages: [{ role: "user", content: "Q?" }] });

    root.setAttribute("input.value", "the user's question");
    root.setAttribute("openinference.span.kind", "CHAIN");
    root.end(t0 + 900);
    await p.forceFlush();
    await p.shutdown();
    const full = await storedTrace(traceId);
    expect(full!.spans).toHaveLength(2);
    expect(full!.name).toBe("agent run");
    expect(full!.input).toBe("the user's question");
    expect(full!.startTime.getTime()).toBe(t0);
    expect(full!.endTime!.getTime()).toBe(t0 + 900);
  });
});

describe("the OTLP/HTTP rules", () => {
  const send = (rawBody: string | Uint8Array, headers: Record<string, string> = {}) =>
    call(POST, { method: "POST", key: project.keys.INGEST, rawBody, headers: { "content-type": "application/json", ...headers } });
  const span = (extra: Record<string, unknown> = {}) => ({
    traceId: "5B8EFFF798038103D269B633813FC60C",
    spanId: "EEE19B7EC3C1B174",
    name: "s",
    startTimeUnixNano: "1700000000000000000",
    endTimeUnixNano: 1700000001000000000,
    kind: 1,
    unknownField: true,
    ...extra,
  });
  const body = (spans: unknown[]) => JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: "x" }, spans }] }] });

  it("answers 200 to an empty request", async () => {
    expect((await send("")).status).toBe(200);
    expect((await send("{}")).json).toEqual({});
  });

  it("accepts upper-case hex and int64 as string or number, and counts invalid spans in partialSuccess", async () => {
    const res = await send(body([span(), span({ spanId: "7u8+AAAAAAA=" }), span({ traceId: "00000000000000000000000000000000" })]));
    expect(res.status).toBe(200);
    expect(res.json.partialSuccess.rejectedSpans).toBe("2");
    const row = await storedTrace("5b8efff798038103d269b633813fc60c");
    expect(row!.spans.map((s) => [s.spanId, s.startTime.toISOString()])).toEqual([["eee19b7ec3c1b174", "2023-11-14T22:13:20.000Z"]]);
  });

  it("answers 400 with a Status body to garbage, in either encoding", async () => {
    const json = await send("{not json");
    expect(json.status).toBe(400);
    expect(json.json).toMatchObject({ code: 3, message: expect.stringContaining("JSON") });
    const proto = await send(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]), { "content-type": "application/x-protobuf" });
    expect(proto.status).toBe(400);
    expect(proto.headers.get("content-type")).toBe("application/x-protobuf");
    expect((await send("{}", { "content-type": "text/plain" })).status).toBe(415);
  });

  it("caps the body after decompression at 20 MiB with 413, gzip bomb included", async () => {
    const bomb = gzipSync(Buffer.alloc(21 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const res = await send(new Uint8Array(bomb), { "content-encoding": "gzip" });
    expect(res.status).toBe(413);
    const ok = await send(new Uint8Array(gzipSync(Buffer.from(body([span({ spanId: "0000000000000abc" })])))), { "content-encoding": "gzip" });
    expect(ok.status).toBe(200);
  });

  it("takes the content from the earliest LLM span whatever order the requests arrive in", async () => {
    const traceId = "cc".repeat(16);
    const llm = (spanId: string, start: string, text: string) =>
      span({
        traceId,
        spanId,
        parentSpanId: "dddddddddddddddd",
        name: text,
        startTimeUnixNano: start,
        attributes: [
          { key: "gen_ai.operation.name", value: { stringValue: "chat" } },
          { key: "gen_ai.prompt.0.content", value: { stringValue: text } },
        ],
      });
    await send(body([llm("00000000000000b2", "1700000002000000000", "later")]));
    await send(body([llm("00000000000000b1", "1700000001000000000", "earlier")]));
    const row = await storedTrace(traceId);
    expect([row!.name, row!.input]).toEqual(["earlier", { messages: [{ role: "user", content: "earlier" }] }]);
  });

  it("replaces NUL characters per the text policy and reports it", async () => {
    const res = await send(body([span({ traceId: "aa".repeat(16), name: "bad\u0000name" })]));
    expect(res.status).toBe(200);
    expect(res.json.partialSuccess.errorMessage).toContain("U+FFFD");
    expect((await storedTrace("aa".repeat(16)))!.spans[0].name).toBe("bad\ufffdname");
  });

  it("refuses an INGEST key of another project nowhere, but keeps traces apart per project", async () => {
    const other = await makeProject();
    await call(POST, { method: "POST", key: other.keys.INGEST, rawBody: body([span({ traceId: "bb".repeat(16) })]) });
    expect(await storedTrace("bb".repeat(16))).toBeNull();
    expect(await db().trace.count({ where: { projectId: other.id, externalId: "bb".repeat(16) } })).toBe(1);
  });
});
