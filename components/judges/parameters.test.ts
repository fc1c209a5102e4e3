import { describe, expect, it } from "vitest";
import { parameterTexts, parametersOf } from "./parameters";

describe("the draft editor's parameters", () => {
  it("starts a new draft at temperature 0 and 1000 tokens, with no limits on calls", () => {
    expect(parameterTexts(undefined)).toEqual({ temperature: "0", maxTokens: "1000", concurrency: "", rpm: "" });
    expect(parametersOf(undefined, parameterTexts(undefined))).toEqual({ temperature: 0, maxTokens: 1000 });
  });

  it("shows a version's calls in flight and requests per minute and saves them back as numbers", () => {
    const texts = parameterTexts({ temperature: 0.2, concurrency: 4, rpm: 600 });
    expect(texts).toEqual({ temperature: "0.2", maxTokens: "1000", concurrency: "4", rpm: "600" });
    expect(parametersOf({}, { ...texts, rpm: "1200" })).toEqual({ temperature: 0.2, maxTokens: 1000, concurrency: 4, rpm: 1200 });
  });

  it("drops a field left blank and keeps parameters the editor does not show", () => {
    const kept = { temperature: 1, seed: 7, timeoutMs: 5000, concurrency: 4 };
    expect(parametersOf(kept, { temperature: "1", maxTokens: " ", concurrency: "", rpm: "" })).toEqual({ temperature: 1, seed: 7, timeoutMs: 5000 });
  });
});
