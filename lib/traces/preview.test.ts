import { describe, expect, it } from "vitest";
import { previewText } from "./preview";

describe("previewText", () => {
  it("shows strings as they are, on one line", () => {
    expect(previewText("How do I reset\n  my password?\t")).toBe("How do I reset my password?");
  });

  it("reads {content} and the last of {messages}", () => {
    expect(previewText({ role: "assistant", content: "Go to Settings." })).toBe("Go to Settings.");
    expect(
      previewText({
        messages: [
          { role: "system", content: "You are helpful." },
          { role: "user", content: "Where is my invoice?" },
        ],
      }),
    ).toBe("Where is my invoice?");
  });

  it("follows common wrapper keys into nested values", () => {
    expect(previewText({ output: { answer: { text: "Nested answer" } } })).toBe("Nested answer");
    expect(previewText({ input: { query: "find refunds" } })).toBe("find refunds");
    expect(previewText([{ content: "first" }, { content: "last" }])).toBe("last");
  });

  it("falls back to JSON for unknown shapes and to text for scalars", () => {
    expect(previewText({ score: 3 })).toBe('{"score":3}');
    expect(previewText(42)).toBe("42");
    expect(previewText(true)).toBe("true");
  });

  it("is empty for null, undefined and empty lists", () => {
    expect(previewText(null)).toBe("");
    expect(previewText(undefined)).toBe("");
    expect(previewText([])).toBe("");
    expect(previewText({ messages: [] })).toBe("");
  });

  it("cuts long text to the limit with an ellipsis", () => {
    const text = previewText("a".repeat(500));
    expect(text).toHaveLength(160);
    expect(text.endsWith("…")).toBe(true);
    expect(previewText("abcdefghij", 5)).toBe("abcd…");
    expect(previewText("abcde", 5)).toBe("abcde");
  });

  it("never cuts a character in half", () => {
    const text = previewText("😀".repeat(10), 4);
    expect(text).toBe("😀😀😀…");
    // A lone surrogate would not survive a round trip through UTF-8.
    expect(Buffer.from(text, "utf8").toString("utf8")).toBe(text);
  });
});
