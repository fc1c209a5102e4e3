import { describe, expect, it } from "vitest";
import { light } from "./figures";

describe("the report's traffic light", () => {
  it("reads α against the project's thresholds", () => {
    const t = { tentative: 0.667, reliable: 0.8 };
    expect([0.85, 0.8, 0.7, 0.5, null].map((a) => light(a, t))).toEqual(["reliable", "reliable", "tentative", "unreliable", "undefined"]);
  });
});
