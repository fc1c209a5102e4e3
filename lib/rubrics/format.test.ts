import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { encodeRubricFile, parseRubricFile, toRubricFile } from "./format";
import { ZRubricContent } from "./schemas";
import { TEMPLATES } from "./templates";
import { everyType } from "./test-fixtures";

const rubric = { slug: "answer-quality", name: "Answer quality", description: "How good?" };

function fieldErrors(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.fieldErrors;
    throw error;
  }
  return "accepted";
}

describe("rubric files", () => {
  it.each(["yaml", "json"] as const)("round-trips every criterion type, exemplars included, through %s", (format) => {
    const content = ZRubricContent.parse(everyType());
    const text = encodeRubricFile(toRubricFile(rubric, { version: 3, changeNote: "Third", ...content }), format);
    if (format === "yaml") expect(text).toContain("format: assay.rubric/v1");
    const back = parseRubricFile(text, format);
    expect(back.header).toMatchObject({ ...rubric, version: 3, changeNote: "Third" });
    expect(back.content).toEqual(content);
    expect(JSON.stringify(back.content)).toContain("An OK answer");
  });

  it("names the criterion and field at fault", () => {
    const file = toRubricFile(rubric, { version: null, changeNote: "", ...ZRubricContent.parse(everyType()) });
    (file.criteria[1].config as { levels: { description: string }[] }).levels[1].description = "";
    (file.criteria[4].config as { max: number }).max = -5;
    expect(fieldErrors(() => parseRubricFile(JSON.stringify(file), "json"))).toEqual([
      { path: "criteria[quality].config.levels.1.description", message: "Enter an anchored description" },
      { path: "criteria[minutes].config.max", message: "The maximum must be above the minimum" },
    ]);
  });

  it("refuses unreadable YAML, a missing format line and an unknown type", () => {
    expect(fieldErrors(() => parseRubricFile("a: [unclosed", "yaml"))).toMatchObject([{ path: "content" }]);
    expect(fieldErrors(() => parseRubricFile("slug: x-y\nname: X\ncriteria: []\n", "yaml"))).toEqual([
      { path: "format", message: "Set format: assay.rubric/v1" },
      { path: "criteria", message: "Add at least one criterion" },
    ]);
    const errors = fieldErrors(() =>
      parseRubricFile("format: assay.rubric/v1\nslug: x-y\nname: X\ncriteria:\n  - key: k\n    label: K\n    type: STARS\n    config: {}\n", "yaml"),
    );
    expect(errors).toMatchObject([{ path: "criteria[k].type" }]);
  });

  it("ships templates that are valid rubrics", () => {
    for (const template of Object.values(TEMPLATES)) expect(ZRubricContent.safeParse(template.content).success).toBe(true);
  });
});
