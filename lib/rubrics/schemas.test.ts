import { describe, expect, it } from "vitest";
import { describePath } from "./rules";
import { ZRubricContent } from "./schemas";
import { everyType } from "./test-fixtures";

function errors(mutate: (content: ReturnType<typeof everyType>) => void) {
  const content = everyType();
  mutate(content);
  const parsed = ZRubricContent.safeParse(content);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("rubric validation", () => {
  it("accepts one criterion of every type and defaults measurement levels from the type", () => {
    const parsed = ZRubricContent.parse(everyType());
    expect(parsed.criteria.map((c) => [c.key, c.measurementLevel])).toEqual([
      ["correct", "NOMINAL"],
      ["quality", "ORDINAL"],
      ["topic", "NOMINAL"],
      ["issues", "NOMINAL"],
      ["minutes", "INTERVAL"],
      ["why", "NONE"],
      ["ideal", "NONE"],
      ["pref", "NOMINAL"],
    ]);
    expect(parsed.criteria[1].config).toMatchObject({ levels: [{ exemplars: [] }, { exemplars: [{ text: "An OK answer", note: "" }] }, { exemplars: [] }] });
  });

  it("needs at least one criterion", () => {
    expect(errors((c) => (c.criteria = []))).toEqual(["criteria: Add at least one criterion"]);
  });

  it("refuses a key used twice and a malformed key", () => {
    expect(errors((c) => (c.criteria[2].key = "correct"))).toEqual(['criteria.2.key: The key "correct" is used twice']);
    expect(errors((c) => (c.criteria[0].key = "Bad Key"))[0]).toMatch(/^criteria\.0\.key: Start with a letter/);
  });

  it("needs scale levels contiguous from min to max, each labelled and described", () => {
    const scale = (c: ReturnType<typeof everyType>) =>
      c.criteria[1].config as { min: number; max: number; levels: { value: number; label: string; description: string }[] };
    expect(errors((c) => (scale(c).levels[2].value = 4))).toEqual(["criteria.1.config.levels.2.value: Level 3 must have the value 3"]);
    expect(errors((c) => scale(c).levels.pop())).toEqual(["criteria.1.config.levels: Describe each of the 3 levels from 1 to 3"]);
    expect(errors((c) => (scale(c).levels[0].description = " "))).toEqual(["criteria.1.config.levels.0.description: Enter an anchored description"]);
    expect(errors((c) => (scale(c).max = 1))).toEqual(["criteria.1.config.max: The top of the scale must be above the bottom"]);
    expect(errors((c) => (scale(c).max = 20))).toEqual(["criteria.1.config.max: A scale has at most 11 levels"]);
  });

  it("needs sane numeric ranges and steps", () => {
    const numeric = (c: ReturnType<typeof everyType>) => c.criteria[4].config as { min: number; max: number; step: number | null };
    expect(errors((c) => (numeric(c).max = 0))).toEqual(["criteria.4.config.max: The maximum must be above the minimum"]);
    expect(errors((c) => (numeric(c).step = 11))).toEqual(["criteria.4.config.step: The step must fit inside the range"]);
    expect(errors((c) => (numeric(c).step = 0))).toEqual(["criteria.4.config.step: The step must be above 0"]);
  });

  it("needs unique options, at least two, and selection limits that fit", () => {
    const options = (c: ReturnType<typeof everyType>, i: number) => (c.criteria[i].config as { options: { value: string; label: string }[] }).options;
    expect(errors((c) => (options(c, 2)[1].value = "billing"))).toEqual(['criteria.2.config.options.1.value: The value "billing" is used twice']);
    expect(errors((c) => (options(c, 2)[1].label = "BILLING"))).toEqual(['criteria.2.config.options.1.label: The label "BILLING" is used twice']);
    expect(errors((c) => options(c, 2).pop())).toEqual(["criteria.2.config.options: Give at least 2 options"]);
    expect(errors((c) => ((c.criteria[3].config as { maxSelected: number }).maxSelected = 5))).toEqual([
      "criteria.3.config.maxSelected: At most as many selections as there are options",
    ]);
  });

  it("keeps measurement levels to those the type allows; text takes part in no agreement", () => {
    expect(errors((c) => (c.criteria[5].measurementLevel = "NOMINAL"))).toEqual(["criteria.5.measurementLevel: A TEXT criterion is measured as NONE"]);
    expect(errors((c) => (c.criteria[0].measurementLevel = "NONE"))).toEqual(["criteria.0.measurementLevel: A BINARY criterion is measured as NOMINAL"]);
    expect(errors((c) => (c.criteria[4].measurementLevel = "RATIO"))).toEqual([]);
  });

  it("names the criterion by key in an error path", () => {
    const content = everyType();
    expect(describePath(["criteria", 1, "config", "levels", 0, "label"], content)).toBe("criteria[quality].config.levels.0.label");
    expect(describePath(["criteria", 9, "key"], content)).toBe("criteria[#10].key");
    expect(describePath([], content)).toBe("rubric");
  });
});
