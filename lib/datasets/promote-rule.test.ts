import { describe, expect, it } from "vitest";
import type { TCriterionReport } from "@/lib/reports/answers";
import { type TPromotionUnit, type TResolvedLabel, decide, gateVerdict, labelMatches, responseText, ruleCriteria, ruleProblems } from "./promote-rule";
import { ZPromotionRule } from "./promote-schemas";

const CRITERIA = [
  { key: "correct", type: "BINARY" },
  { key: "issues", type: "MULTI" },
  { key: "ideal", type: "CORRECTION" },
  { key: "preferred", type: "PREFERENCE" },
];
const QUEUE = "00000000-0000-4000-8000-000000000001";
const rule = (extra: Record<string, unknown> = {}) =>
  ZPromotionRule.parse({ queueId: QUEUE, conditions: [{ criterion: "correct", equals: [true] }], ...extra });
const consensus = (value: unknown): TResolvedLabel => ({
  value,
  provenance: "consensus",
  raters: ["user:a", "user:b"],
  adjudicated: false,
  rubricVersionId: "v",
});
const gold = (value: unknown): TResolvedLabel => ({ value, provenance: "gold", raters: ["user:admin"], adjudicated: true, rubricVersionId: "v" });

function unit(labels: Record<string, TResolvedLabel>, answers: Record<string, string[]> = {}, output: unknown = "The answer."): TPromotionUnit {
  return {
    itemId: "item",
    trace: { id: "t", input: "The question?", output },
    traceB: { id: "tb", input: "The question?", output: "Another answer." },
    rubricVersionId: "v",
    raters: ["user:a", "user:b"],
    label: (key) => labels[key] ?? { value: null, reason: "no consensus: a tie" },
    answers: (key) => (answers[key] ?? []).map((text, i) => ({ rater: `user:${"ab"[i]}`, text })),
  };
}

describe("the promotion rule", () => {
  it("selects by the label of the item, and copies the label with its provenance into lineage", () => {
    const selected = decide(rule(), "SINGLE", CRITERIA, unit({ correct: gold(true) }));
    expect(selected).toMatchObject({ status: "selected", content: { input: "The question?", expectedOutput: "The answer.", preference: null } });
    if (selected.status === "selected")
      expect(selected.content.labels).toEqual([
        { criterionKey: "correct", rubricVersionId: "v", value: true, provenance: "gold", raters: ["user:admin"], adjudicated: true },
      ]);
    expect(decide(rule(), "SINGLE", CRITERIA, unit({ correct: consensus(false) }))).toEqual({ status: "not_matching" });
    expect(decide(rule(), "SINGLE", CRITERIA, unit({}))).toEqual({ status: "skipped", reason: 'No label for "correct": no consensus: a tie' });
  });

  it("matches MULTI selections as sets and preferences by their choice", () => {
    expect(labelMatches(["b", "a"], [["a", "b"]])).toBe(true);
    expect(labelMatches(["a"], [["a", "b"]])).toBe(false);
    expect(labelMatches({ choice: "A", strength: 2 }, ["A"])).toBe(true);
    expect(labelMatches(3, [2, 3])).toBe(true);
    expect(labelMatches("3", [3])).toBe(false);
  });

  it("takes a correction from gold, from unanimity, or the trace's output when every rater left it as it started", () => {
    const fromIdeal = rule({ expectedOutput: { from: "criterion", criterion: "ideal" } });
    const expected = (labels: Record<string, TResolvedLabel>, answers: Record<string, string[]>) => {
      const d = decide(fromIdeal, "SINGLE", CRITERIA, unit({ correct: consensus(true), ...labels }, answers));
      return d.status === "selected" ? d.content.expectedOutput : d;
    };
    expect(expected({ ideal: gold("Settled text.") }, { ideal: ["One.", "Two."] })).toBe("Settled text.");
    expect(expected({}, { ideal: ["Same fix.", "Same fix. "] })).toBe("Same fix.");
    expect(expected({}, { ideal: ["The answer.", ""] })).toBe("The answer.");
    expect(expected({}, {})).toBe("The answer.");
    expect(expected({}, { ideal: ["One fix.", "Another fix."] })).toMatchObject({ status: "skipped" });
    expect(expected({}, { ideal: ["One fix.", "The answer."] })).toMatchObject({ status: "skipped" });
  });

  it("turns a pairwise item into a preference pair, reading per-side conditions on the preferred side", () => {
    const pair = rule({ conditions: [] });
    const d = decide(pair, "PAIRWISE", CRITERIA, unit({ preferred: consensus("B") }));
    expect(d).toMatchObject({ status: "selected", content: { expectedOutput: null, preference: { preferred: "Another answer.", rejected: "The answer." } } });
    expect(decide(pair, "PAIRWISE", CRITERIA, unit({ preferred: gold("TIE") }))).toMatchObject({ status: "skipped" });
    const sides: TPromotionUnit = {
      ...unit({}),
      label: (key, side) => (key === "preferred" ? consensus("A") : side === "A" ? consensus(true) : consensus(false)),
    };
    expect(decide(rule(), "PAIRWISE", CRITERIA, sides).status).toBe("selected");
  });

  it("names what is wrong with a rule for the rubric", () => {
    const bad = rule({ conditions: [{ criterion: "nope", equals: [1] }], expectedOutput: { from: "criterion", criterion: "correct" } });
    expect(ruleProblems(bad, "SINGLE", CRITERIA).map((p) => p.path)).toEqual(["rule.conditions.0.criterion", "rule.expectedOutput.criterion"]);
    expect(ruleProblems(rule(), "PAIRWISE", [{ key: "correct", type: "BINARY" }]).map((p) => p.path)).toEqual(["rule.preference"]);
    expect(ruleCriteria(rule({ expectedOutput: { from: "criterion", criterion: "ideal" } }), "SINGLE", CRITERIA)).toEqual(["correct", "ideal"]);
  });

  it("reads the response a correction starts from", () => {
    expect(
      responseText({
        messages: [
          { role: "user", content: "q" },
          { role: "assistant", content: "a" },
        ],
      }),
    ).toBe("a");
    expect(responseText({ a: 1 })).toBeNull();
  });
});

describe("the agreement gate", () => {
  const report = (key: string, kind: "coefficient" | "multi" | "none", alpha: number | null): TCriterionReport =>
    ({
      key,
      type: "X",
      kind,
      light: "tentative",
      summary: kind === "coefficient" ? { alpha, alphaReason: alpha === null ? "undefined: all values identical" : undefined } : null,
      multi: kind === "multi" ? { lowest: { option: "tone", alpha } } : null,
    }) as unknown as TCriterionReport;

  it("passes at or above the threshold, fails below or undefined, and exempts free text", () => {
    const verdict = gateVerdict(
      [report("a", "coefficient", 0.667), report("b", "multi", 0.5), report("c", "none", null), report("d", "coefficient", null)],
      ["a", "b", "c", "d"],
      0.667,
    );
    expect(verdict.passed).toBe(false);
    expect(verdict.criteria.map((c) => [c.criterion, c.status, c.option])).toEqual([
      ["a", "pass", null],
      ["b", "fail", "tone"],
      ["c", "exempt", null],
      ["d", "fail", null],
    ]);
    expect(verdict.criteria[3].reason).toContain("all values identical");
    expect(gateVerdict([report("a", "coefficient", 0.9)], ["a"], 0.667).passed).toBe(true);
  });
});
