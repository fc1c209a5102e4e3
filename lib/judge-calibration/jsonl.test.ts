import { describe, expect, it } from "vitest";
import { jsonlOf } from "./jsonl";
import type { TExample, TExampleList } from "./schemas";

const example = (over: Partial<TExample> = {}): TExample => ({
  id: "e1",
  traceId: "00000000-0000-4000-8000-000000000001",
  traceExternalId: "demo-001",
  queueItemId: null,
  input: { q: "How do I restore a file?" },
  output: { a: "From Trash." },
  outputB: null,
  humanValue: 2,
  judgeValue: 4,
  judgeRationale: "Complete",
  note: "Leaves out the 30-day limit",
  createdAt: "2026-12-01T00:00:00.000Z",
  removedAt: null,
  usedBy: [],
  ...over,
});

describe("a calibration set as JSONL", () => {
  it("writes one line per example with inputs, outputs, the expectation under the criterion's key, the note and the judge's value and rationale", () => {
    const list: TExampleList = { judge: "helpful", criterion: "helpfulness", mode: "single", examples: [example(), example({ id: "e2", note: "" })] };
    const text = jsonlOf(list);
    expect(text.endsWith("\n")).toBe(true);
    const lines = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({
      id: "e1",
      judge: "helpful",
      criterion: "helpfulness",
      trace_id: "demo-001",
      queue_item_id: null,
      inputs: { q: "How do I restore a file?" },
      outputs: { a: "From Trash." },
      expectations: { helpfulness: 2 },
      human_value: 2,
      note: "Leaves out the 30-day limit",
      judge_value: 4,
      judge_rationale: "Complete",
    });
  });

  it("gives a pairwise example both outputs, and an empty set no lines", () => {
    const pair = example({
      traceId: null,
      traceExternalId: null,
      queueItemId: "item-1",
      output: "A text",
      outputB: "B text",
      humanValue: { choice: "A", strength: null },
    });
    const [line] = jsonlOf({ judge: "pref", criterion: "preferred", mode: "pairwise", examples: [pair] })
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(line.outputs).toEqual({ output_a: "A text", output_b: "B text" });
    expect(line.queue_item_id).toBe("item-1");
    expect(jsonlOf({ judge: "pref", criterion: "preferred", mode: "pairwise", examples: [] })).toBe("");
  });
});
