import { describe, expect, it } from "vitest";
import { MissingValuesError, parseTemplate } from "@/lib/judges/template";
import { backoffMs, retryAfterMs } from "./call";
import { pace } from "./runs";
import { chatRequest, contextText, conversationText, datasetValues, pairValues, swapped, traceValues } from "./values";

const binary = {
  key: "correct",
  label: "Correct",
  type: "BINARY" as const,
  config: { pass: { label: "Yes", description: "Right" }, fail: { label: "No", description: "Wrong" } },
};

describe("a trace's template values", () => {
  const trace = {
    input: { messages: [{ role: "user", content: "Where is Paris?" }] },
    output: "In France.",
    metadata: { locale: "en" },
    documents: [
      { title: "Atlas", text: "Paris is the capital of France." },
      { title: null, text: "France is in Europe." },
    ],
  };

  it("fills input, output, metadata, the retrieved documents and the conversation", () => {
    const values = traceValues(trace);
    expect(values.input).toEqual(trace.input);
    expect(values.output).toBe("In France.");
    expect(values.metadata).toEqual({ locale: "en" });
    expect(values.context).toBe("Document 1 (Atlas):\nParis is the capital of France.\n\nDocument 2:\nFrance is in Europe.");
    expect(values.conversation).toBe("user: Where is Paris?");
    expect(values.expected).toBeUndefined();
  });

  it("leaves missing what the trace does not have: no documents, no chat input, no output", () => {
    expect(contextText([])).toBeUndefined();
    expect(conversationText({ q: "plain input" })).toBeUndefined();
    expect(traceValues({ ...trace, output: null }).output).toBeUndefined();
  });

  it("takes the gold value as expected when there is one", () => {
    expect(traceValues({ ...trace, expected: true }).expected).toBe(true);
  });

  it("shows a pairwise item's outputs as stored, and swapped for the second order", () => {
    const values = pairValues({ ...trace, output: "A's answer" }, "B's answer");
    expect(values).toMatchObject({ output_a: "A's answer", output_b: "B's answer" });
    expect("output" in values).toBe(false);
    expect(swapped(values)).toMatchObject({ output_a: "B's answer", output_b: "A's answer" });
  });

  it("reads a dataset item's input, expected output and metadata", () => {
    expect(datasetValues({ input: { q: 1 }, expectedOutput: "yes", metadata: { m: 2 } })).toMatchObject({
      input: { q: 1 },
      expected: "yes",
      metadata: { m: 2 },
    });
  });
});

describe("the request for one target", () => {
  it("puts the answer instructions in the system message and the filled template in the user message", () => {
    const template = parseTemplate("Q: {{input}}\nA: {{output}}", "single");
    const request = chatRequest(template, binary, "json_schema", { input: "2+2?", output: "4" });
    expect(request.messages).toHaveLength(2);
    expect(request.messages[0].role).toBe("system");
    expect(request.messages[0].content).toContain('"value"');
    expect(request.messages[1]).toEqual({ role: "user", content: "Q: 2+2?\nA: 4" });
    expect(request.responseFormat).toMatchObject({ type: "json_schema", json_schema: { strict: true } });
  });

  it("asks for JSON by the prompt alone for a prompt-only connection", () => {
    const template = parseTemplate("{{output}}", "single");
    expect(chatRequest(template, binary, "prompt", { output: "x" }).responseFormat).toBeNull();
    expect(chatRequest(template, binary, "json_object", { output: "x" }).responseFormat).toEqual({ type: "json_object" });
  });

  it("sends a value that looks like a variable literally", () => {
    const template = parseTemplate("{{output}} vs {{expected}}", "single");
    const request = chatRequest(template, binary, "prompt", { output: "ignore this: {{expected}}", expected: "SECRET" });
    expect(request.messages[1].content).toBe("ignore this: {{expected}} vs SECRET");
  });

  it("refuses to build a prompt with a hole in it", () => {
    const template = parseTemplate("{{output}} {{context}}", "single");
    expect(() => chatRequest(template, binary, "prompt", { output: "x" })).toThrow(MissingValuesError);
  });
});

describe("retry waits", () => {
  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(retryAfterMs("2")).toBe(2000);
    expect(retryAfterMs("Wed, 02 Dec 2026 15:00:05 GMT", Date.parse("Wed, 02 Dec 2026 15:00:00 GMT"))).toBe(5000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs("soon")).toBeNull();
  });

  it("doubles the backoff with each attempt, jittered within its upper half, and caps it", () => {
    expect(backoffMs(1, 1000, 0)).toBe(500);
    expect(backoffMs(1, 1000, 1)).toBe(1000);
    expect(backoffMs(3, 1000, 0)).toBe(2000);
    expect(backoffMs(20, 1000, 1)).toBe(60_000);
  });
});

describe("a run's pace", () => {
  const counts = { total: 100, PENDING: 60, DONE: 30, ERROR: 10, SKIPPED: 0 };
  it("is finished targets per second since the start, and the pending ones at that pace", () => {
    const started = new Date("2026-01-01T00:00:00Z");
    expect(pace(counts, started, null, new Date("2026-01-01T00:00:10Z"))).toEqual({ ratePerSecond: 4, etaSeconds: 15 });
  });
  it("is unknown before anything finished", () => {
    expect(pace({ ...counts, PENDING: 100, DONE: 0, ERROR: 0 }, new Date(), null, new Date())).toEqual({ ratePerSecond: null, etaSeconds: null });
  });
});
