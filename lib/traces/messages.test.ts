import { describe, expect, it } from "vitest";
import { fromGenAIEvents, fromGenAIMessages, fromIndexedGenAI, fromOpenAI, fromOpenInference } from "./messages";

describe("chat message normalizers", () => {
  it("reads OpenAI-style messages with content parts and tool calls", () => {
    expect(
      fromOpenAI([
        {
          role: "user",
          content: [
            { type: "text", text: "Look" },
            { type: "image_url", image_url: { url: "x" } },
          ],
        },
        { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "search", arguments: '{"q":"x"}' } }] },
        { role: "tool", tool_call_id: "c1", content: "result" },
      ]),
    ).toEqual([
      { role: "user", content: "Look\n[image_url]" },
      { role: "assistant", content: "", toolCalls: [{ id: "c1", name: "search", arguments: { q: "x" } }] },
      { role: "tool", content: "result", toolCallId: "c1" },
    ]);
  });

  it("reads the newer GenAI conventions, given as a JSON string", () => {
    const value = JSON.stringify([
      {
        role: "assistant",
        parts: [
          { type: "text", content: "Calling." },
          { type: "tool_call", id: "t", name: "weather", arguments: { city: "Oslo" } },
        ],
        finish_reason: "tool_call",
      },
      { role: "tool", parts: [{ type: "tool_call_response", id: "t", response: "rain" }] },
    ]);
    expect(fromGenAIMessages(value)).toEqual([
      { role: "assistant", content: "Calling.", toolCalls: [{ id: "t", name: "weather", arguments: { city: "Oslo" } }], finishReason: "tool_call" },
      { role: "tool", content: "rain", toolCallId: "t" },
    ]);
  });

  it("reads the older indexed GenAI attributes in index order", () => {
    const attrs = {
      "gen_ai.prompt.1.role": "user",
      "gen_ai.prompt.1.content": "second",
      "gen_ai.prompt.0.role": "system",
      "gen_ai.prompt.0.content": "first",
      "gen_ai.completion.0.tool_calls.0.name": "f",
    };
    expect(fromIndexedGenAI(attrs, "gen_ai.prompt")).toEqual([
      { role: "system", content: "first" },
      { role: "user", content: "second" },
    ]);
    expect(fromIndexedGenAI(attrs, "gen_ai.completion")).toEqual([{ role: "assistant", content: "", toolCalls: [{ name: "f" }] }]);
  });

  it("reads GenAI events", () => {
    const events = [
      { name: "gen_ai.user.message", attributes: { content: "Hi" } },
      {
        name: "gen_ai.choice",
        attributes: { "gen_ai.event.content": JSON.stringify({ message: { role: "assistant", content: "Hello" }, finish_reason: "stop" }) },
      },
    ];
    expect(fromGenAIEvents(events)).toEqual({
      input: [{ role: "user", content: "Hi" }],
      output: [{ role: "assistant", content: "Hello", finishReason: "stop" }],
    });
  });

  it("reads OpenInference flattened messages, with content parts and tool calls", () => {
    const attrs = {
      "llm.input_messages.0.message.role": "user",
      "llm.input_messages.0.message.contents.0.message_content.text": "a",
      "llm.input_messages.0.message.contents.1.message_content.text": "b",
      "llm.output_messages.0.message.role": "assistant",
      "llm.output_messages.0.message.tool_calls.0.tool_call.function.name": "lookup",
      "llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments": '{"id":1}',
    };
    expect(fromOpenInference(attrs, "llm.input_messages")).toEqual([{ role: "user", content: "a\nb" }]);
    expect(fromOpenInference(attrs, "llm.output_messages")).toEqual([
      { role: "assistant", content: "", toolCalls: [{ name: "lookup", arguments: { id: 1 } }] },
    ]);
  });
});
