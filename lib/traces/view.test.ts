import { describe, expect, it } from "vitest";
import { chatMessages, formatDuration, retrievedDocuments, waterfall } from "./view";

describe("trace content shapes", () => {
  it("reads chat messages in the shapes clients send", () => {
    expect(chatMessages({ messages: [{ role: "user", content: "hi" }] })).toEqual([{ role: "user", content: "hi", toolCalls: [] }]);
    expect(
      chatMessages({
        role: "assistant",
        content: [
          { type: "text", text: "a" },
          { type: "text", text: "b" },
        ],
      })?.[0].content,
    ).toBe("a\nb");
    const call = chatMessages([{ role: "assistant", content: null, tool_calls: [{ id: "c1", function: { name: "lookup", arguments: '{"id":7}' } }] }]);
    expect(call?.[0].toolCalls).toEqual([{ id: "c1", name: "lookup", arguments: { id: 7 } }]);
    expect(chatMessages({ query: "x" })).toBeNull();
    expect(chatMessages({ messages: [{ role: "user", content: { nested: true } }] })).toBeNull();
  });

  it("reads retrieved documents, and refuses lists that are not documents", () => {
    expect(retrievedDocuments({ documents: [{ id: "kb-1", title: "T", text: "body", score: 0.9 }] })).toEqual([
      { id: "kb-1", title: "T", text: "body", score: 0.9 },
    ]);
    expect(retrievedDocuments([{ page_content: "lc" }])?.[0].text).toBe("lc");
    expect(retrievedDocuments({ documents: [1, 2] })).toBeNull();
  });

  it("orders spans as a tree with bars on the trace's time axis", () => {
    const t = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
    const spans = [
      { spanId: "llm", parentSpanId: "root", startTime: t(100), endTime: t(1000) },
      { spanId: "root", parentSpanId: null, startTime: t(0), endTime: t(1000) },
      { spanId: "orphan", parentSpanId: "missing", startTime: t(500), endTime: null },
      { spanId: "ret", parentSpanId: "root", startTime: t(10), endTime: t(100) },
    ];
    const rows = waterfall(spans, t(0), t(1000));
    expect(rows.map((r) => [r.span.spanId, r.depth])).toEqual([
      ["root", 0],
      ["ret", 1],
      ["llm", 1],
      ["orphan", 0],
    ]);
    expect(rows[2]).toMatchObject({ offsetPct: 10, widthPct: 90, durationMs: 900 });
    expect(rows[3].durationMs).toBeNull();
  });

  it("survives a span that names itself as its parent", () => {
    const rows = waterfall([{ spanId: "a", parentSpanId: "a", startTime: new Date(0), endTime: new Date(5) }], new Date(0), null);
    expect(rows).toHaveLength(1);
  });

  it("formats durations", () => {
    expect([formatDuration(null), formatDuration(40), formatDuration(1234), formatDuration(61_000)]).toEqual(["—", "40 ms", "1.23 s", "61.0 s"]);
  });
});
