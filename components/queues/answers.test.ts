import { describe, expect, it } from "vitest";
import type { TCriterion } from "@/lib/rubrics/schemas";
import { formCriteria, labelsToAnswers, submitValues, swapSides } from "./answers";

const criteria = [
  { key: "helpfulness", label: "Helpfulness", type: "SCALE", required: true, config: { min: 1, max: 2, levels: [] } },
  { key: "preferred", label: "Preferred", type: "PREFERENCE", required: true, config: { allowTie: true, allowBothBad: true, strength: true } },
] as unknown as TCriterion[];

describe("pairwise answers", () => {
  it("asks a preference once and every other criterion per side", () => {
    expect(formCriteria(criteria, "PAIRWISE").map((c) => c.key)).toEqual(["helpfulness:A", "helpfulness:B", "preferred"]);
    expect(formCriteria(criteria, "SINGLE").map((c) => c.key)).toEqual(["helpfulness"]);
  });

  it("turns screen sides into trace sides when trace B was shown left, and back", () => {
    const screen = { "helpfulness:A": 5, "helpfulness:B": 2, preferred: { choice: "A", strength: 3 } };
    const traces = swapSides(screen, "B", criteria);
    expect(traces).toEqual({ "helpfulness:B": 5, "helpfulness:A": 2, preferred: { choice: "B", strength: 3 } });
    expect(swapSides(traces, "B", criteria)).toEqual(screen);
    expect(swapSides(screen, "A", criteria)).toEqual(screen);
    expect(swapSides({ preferred: "TIE" }, "B", criteria)).toEqual({ preferred: "TIE" });
  });

  it("leaves unanswered criteria out of a submit and reads stored labels back", () => {
    expect(submitValues({ a: 1, b: undefined, c: "", d: [] })).toEqual({ a: 1 });
    expect(
      labelsToAnswers([
        { name: "ok", dataType: "BOOLEAN", numberValue: 0, textValue: null, jsonValue: null },
        { name: "why", dataType: "TEXT", numberValue: null, textValue: "because", jsonValue: null },
        { name: "tags", dataType: "MULTI", numberValue: null, textValue: null, jsonValue: ["x"] },
      ] as never),
    ).toEqual({ ok: false, why: "because", tags: ["x"] });
  });
});
