import { describe, expect, it } from "vitest";
import { ApiError } from "@/components/ui/api";
import { asValueText, listField, valueField } from "./fields";
import { pageHref, preview } from "./preview";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe("the item form's fields", () => {
  it("keeps plain text as text and reads JSON only when it starts like JSON", () => {
    expect(valueField(form({ v: "Paris, France" }), "v")).toBe("Paris, France");
    expect(valueField(form({ v: "42" }), "v")).toBe("42");
    expect(valueField(form({ v: ' {"answer": 42}' }), "v")).toEqual({ answer: 42 });
    expect(valueField(form({ v: '[{"role": "user", "content": "Hi"}]' }), "v")).toEqual([{ role: "user", content: "Hi" }]);
    expect(valueField(form({ v: "   " }), "v")).toBeNull();
  });

  it("refuses broken JSON naming the field as its path", () => {
    let caught: unknown;
    try {
      valueField(form({ expectedOutput: "{not json" }), "expectedOutput");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApiError);
    expect((caught as ApiError).fieldErrors).toEqual([{ path: "expectedOutput", message: "is not valid JSON" }]);
  });

  it("shows a value for editing so that saving it unchanged gives it back", () => {
    for (const value of ["Paris", '{"quoted"', { answer: 42 }, ["a"], "[looks like a list"]) {
      expect(valueField(form({ v: asValueText(value) }), "v")).toEqual(value);
    }
  });

  it("reads comma lists without empty entries", () => {
    expect(listField(form({ splits: " test, eval.hard ,, " }), "splits")).toEqual(["test", "eval.hard"]);
  });
});

describe("table cells and links", () => {
  it("cuts long values to one line and keeps the other query fields of a link", () => {
    expect(preview("line one\n   line two")).toBe("line one line two");
    expect(preview({ a: 1 })).toBe('{"a":1}');
    expect(preview("a".repeat(100), 10)).toBe(`${"a".repeat(9)}…`);
    expect(pageHref("/d", { split: "test", cursor: "c1" }, { item: "i1", cursor: undefined })).toBe("/d?split=test&item=i1");
  });
});
