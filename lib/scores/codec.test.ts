import { describe, expect, it } from "vitest";
import type { TCriterionType } from "@/lib/rubrics/constants";
import {
  type TJudgmentValue,
  decodeValue,
  encodeAnswer,
  encodeUntyped,
  jsonParameter,
  labelName,
  parseLabelName,
  prismaColumns,
  unnestParameters,
} from "./codec";

// Every criterion type, and the shapes a value of that type can take, survive encode → decode.
const ANSWERS: [TCriterionType, TJudgmentValue, string][] = [
  ["BINARY", true, "BOOLEAN"],
  ["BINARY", false, "BOOLEAN"],
  ["SCALE", 4, "NUMERIC"],
  ["NUMERIC", 0.25, "NUMERIC"],
  ["NUMERIC", -3, "NUMERIC"],
  ["CATEGORICAL", "billing", "CATEGORICAL"],
  ["MULTI", ["a", "c"], "MULTI"],
  ["MULTI", [], "MULTI"],
  ["TEXT", "Fine answer", "TEXT"],
  ["CORRECTION", "The ideal answer", "TEXT"],
  ["PREFERENCE", "A", "CATEGORICAL"],
  ["PREFERENCE", "BOTH_BAD", "CATEGORICAL"],
  ["PREFERENCE", { choice: "B", strength: 2 }, "JSON"],
  ["PREFERENCE", { choice: "TIE", strength: null }, "JSON"],
];

// The CHECK `scores_typed_value`, restated: which columns each data type fills.
function satisfiesCheck(c: { dataType: string; numberValue: number | null; textValue: string | null; jsonValue: unknown }): boolean {
  switch (c.dataType) {
    case "NUMERIC":
      return c.numberValue !== null && c.textValue === null && c.jsonValue === null;
    case "BOOLEAN":
      return (c.numberValue === 0 || c.numberValue === 1) && c.textValue === null && c.jsonValue === null;
    case "CATEGORICAL":
      return c.textValue !== null && c.jsonValue === null;
    case "TEXT":
      return c.textValue !== null && c.numberValue === null && c.jsonValue === null;
    case "MULTI":
      return Array.isArray(c.jsonValue) && c.numberValue === null && c.textValue === null;
    case "JSON":
      return c.jsonValue !== null && c.numberValue === null && c.textValue === null;
  }
  return false;
}

describe("the judgments codec", () => {
  it.each(ANSWERS)("round-trips a %s answer %j through its columns", (type, value, dataType) => {
    const columns = encodeAnswer(type, value);
    expect(columns.dataType).toBe(dataType);
    expect(satisfiesCheck(columns)).toBe(true);
    expect(decodeValue(columns)).toEqual(value);
    // As raw SQL stores it and pg reads it back: JSON through text.
    const json = jsonParameter(columns);
    expect(decodeValue({ ...columns, jsonValue: json === null ? null : JSON.parse(json) })).toEqual(value);
  });

  it("encodes untyped API values by their own type, strings as categories unless told otherwise", () => {
    expect(encodeUntyped(true)).toEqual({ dataType: "BOOLEAN", numberValue: 1, textValue: null, jsonValue: null });
    expect(encodeUntyped(0.5)).toEqual({ dataType: "NUMERIC", numberValue: 0.5, textValue: null, jsonValue: null });
    expect(encodeUntyped("good")).toEqual({ dataType: "CATEGORICAL", numberValue: null, textValue: "good", jsonValue: null });
    expect(encodeUntyped("a note", "TEXT").dataType).toBe("TEXT");
    expect(encodeUntyped(["x"])).toEqual({ dataType: "MULTI", numberValue: null, textValue: null, jsonValue: ["x"] });
    for (const v of [false, 3, "x", ["a", "b"]]) expect(decodeValue(encodeUntyped(v))).toEqual(v);
  });

  it("leaves null columns out of a Prisma create, so JSON null never reaches the CHECK", () => {
    expect(prismaColumns(encodeAnswer("SCALE", 3))).toEqual({ dataType: "NUMERIC", numberValue: 3 });
    expect(prismaColumns(encodeAnswer("MULTI", ["a"]))).toEqual({ dataType: "MULTI", jsonValue: ["a"] });
  });

  it("lays rows out as parallel arrays for one unnest insert", () => {
    const rows = [
      { name: "ok:A", criterionId: "c1", value: encodeAnswer("BINARY", true) },
      { name: "pref", criterionId: "c2", value: encodeAnswer("PREFERENCE", { choice: "A", strength: 3 }) },
    ];
    expect(unnestParameters(rows)).toEqual([
      ["ok:A", "pref"],
      ["BOOLEAN", "JSON"],
      [1, null],
      [null, null],
      [null, '{"choice":"A","strength":3}'],
      ["c1", "c2"],
    ]);
  });

  it("names per-side labels key:A and key:B, and reads them back", () => {
    expect(labelName("helpful", "B")).toBe("helpful:B");
    expect(labelName("preferred")).toBe("preferred");
    expect(parseLabelName("helpful:A")).toEqual({ key: "helpful", side: "A" });
    expect(parseLabelName("preferred")).toEqual({ key: "preferred", side: null });
    expect(parseLabelName("thumbs:up")).toEqual({ key: "thumbs:up", side: null });
  });
});
