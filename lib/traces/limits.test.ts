import { describe, expect, it } from "vitest";
import { LIMITS, LimitError, checkField, cleanText } from "./limits";

describe("cleanText", () => {
  it("replaces NUL and lone surrogates with U+FFFD and keeps surrogate pairs", () => {
    expect(cleanText("a\u0000b")).toBe("a\ufffdb");
    expect(cleanText("x\ud800")).toBe("x\ufffd");
    expect(cleanText("\udc00y")).toBe("\ufffdy");
    expect(cleanText("😀 ok")).toBe("😀 ok");
    expect(cleanText("\ud83d\ude00\ud800")).toBe("😀\ufffd");
  });
});

describe("checkField", () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return e instanceof LimitError ? e.code : String(e);
    }
    return "none";
  };

  it("cleans keys and values at any depth and reports it", () => {
    expect(checkField("input", { "a\u0000": ["\ud800"] })).toEqual({ value: { "a\ufffd": ["\ufffd"] }, replaced: true });
    expect(checkField("input", { a: [1, "b"] })).toEqual({ value: { a: [1, "b"] }, replaced: false });
  });

  it("keeps a key named __proto__ as data", () => {
    const { value } = checkField("input", JSON.parse('{"__proto__": {"polluted": 1}}'));
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value as object)).toEqual(["__proto__"]);
  });

  it("stops at the depth limit, the text limit and the key limits", () => {
    let deep: unknown = 1;
    for (let i = 0; i < LIMITS.depth; i++) deep = [deep];
    expect(code(() => checkField("input", deep))).toBe("none");
    expect(code(() => checkField("input", [deep]))).toBe("too_deep");
    expect(code(() => checkField("input", "x".repeat(LIMITS.fieldChars + 1)))).toBe("field_too_large");
    expect(code(() => checkField("input", ["x".repeat(LIMITS.fieldChars / 2), "y".repeat(LIMITS.fieldChars / 2 + 1)]))).toBe("field_too_large");
    const wide = Object.fromEntries(Array.from({ length: LIMITS.attributes + 1 }, (_, i) => [`k${i}`, i]));
    expect(code(() => checkField("metadata", wide, { attributes: true }))).toBe("too_many_attributes");
    expect(code(() => checkField("input", wide))).toBe("none");
  });
});
