import { describe, expect, it } from "vitest";
import { NUMBER_OUT_OF_RANGE, numberProblems } from "./validate";

describe("numbers beyond a double", () => {
  it("names the path of each, however deep, and passes the largest double", () => {
    const value = JSON.parse('{"a": 1e400, "b": [1, {"c": -1e309}], "d": 1.7976931348623157e308, "e": "1e400", "f": null}');
    expect(numberProblems(value, "input")).toEqual([
      { path: "input.a", message: NUMBER_OUT_OF_RANGE },
      { path: "input.b.1.c", message: NUMBER_OUT_OF_RANGE },
    ]);
    expect(numberProblems(JSON.parse("1e999"), "expectedOutput")).toEqual([{ path: "expectedOutput", message: NUMBER_OUT_OF_RANGE }]);
    expect(numberProblems(JSON.parse('{"tiny": 1e-400, "n": -0}'), "input")).toEqual([]);
  });

  it("lists at most twenty of one value", () => {
    expect(numberProblems(JSON.parse(`[${Array(50).fill("1e400").join(",")}]`), "metadata")).toHaveLength(20);
  });
});
