import { describe, expect, it } from "vitest";
import { anyValue, mapExportRequest } from "./map";

const kv = (key: string, value: unknown) => ({ key, value });
const request = (spans: unknown[]) => ({
  resourceSpans: [{ resource: { attributes: [kv("service.version", { stringValue: "1.0" })] }, scopeSpans: [{ spans }] }],
});
const T = "0af7651916cd43dd8448eb211c80319c";

describe("OTLP mapping", () => {
  it("reads AnyValue in every variant, keeping int64 beyond 2^53 as a string", () => {
    expect(anyValue({ intValue: "42" })).toBe(42);
    expect(anyValue({ intValue: "9223372036854775807" })).toBe("9223372036854775807");
    expect(anyValue({ arrayValue: { values: [{ boolValue: true }, { doubleValue: 1.5 }] } })).toEqual([true, 1.5]);
    expect(anyValue({ kvlistValue: { values: [kv("a", { stringValue: "b" })] } })).toEqual({ a: "b" });
  });

  it("takes the trace's content from the first LLM span when the root carries none", () => {
    const llm = (id: string, start: string, text: string) => ({
      traceId: T,
      spanId: id,
      parentSpanId: "b7ad6b7169203331",
      name: `llm ${text}`,
      startTimeUnixNano: start,
      attributes: [kv("gen_ai.operation.name", { stringValue: "chat" }), kv("gen_ai.prompt.0.content", { stringValue: text })],
    });
    const { items } = mapExportRequest(
      request([
        llm("00f067aa0ba902b8", "1700000002000000000", "later"),
        llm("00f067aa0ba902b9", "1700000001000000000", "first"),
        { traceId: T, spanId: "b7ad6b7169203331", name: "root", startTimeUnixNano: "1700000000000000000" },
      ]),
    );
    expect(items).toHaveLength(1);
    expect(items[0].trace).toMatchObject({
      name: "root",
      input: { messages: [{ role: "user", content: "first" }] },
      content: "replace",
      times: "widen",
      release: "1.0",
    });
  });

  it("only fills empty content when the root span has not arrived", () => {
    const { items } = mapExportRequest(
      request([
        { traceId: T, spanId: "00f067aa0ba902b8", parentSpanId: "b7ad6b7169203331", name: "child", attributes: [kv("input.value", { stringValue: "q" })] },
      ]),
    );
    expect(items[0].trace.content).toBe("fill");
  });

  it("rejects spans with bad ids or over a limit, keeping the rest", () => {
    const huge = { stringValue: "x".repeat(1024 * 1024 + 1) };
    const out = mapExportRequest(
      request([
        { traceId: T, spanId: "short", name: "a" },
        { traceId: T, spanId: "00f067aa0ba902b8", name: "b", attributes: [kv("big", huge)] },
        { traceId: T, spanId: "00f067aa0ba902b9", name: "c" },
      ]),
    );
    expect(out.rejectedSpans).toBe(2);
    expect(out.items[0].spans.map((s) => s.name)).toEqual(["c"]);
  });
});
