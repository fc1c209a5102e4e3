import { describe, expect, it } from "vitest";
import { parseTemplate } from "@/lib/judges/template";
import { TEMPLATE_VARIABLES, defaultTemplate } from "./default-template";

describe("the editor's default templates and variable lists", () => {
  it("parse in their own mode and use input, output(s), criterion and examples", () => {
    expect(parseTemplate(defaultTemplate("single"), "single").variables).toEqual(["criterion", "examples", "input", "output"]);
    expect(parseTemplate(defaultTemplate("pairwise"), "pairwise").variables).toEqual(["criterion", "examples", "input", "output_a", "output_b"]);
  });

  it("are refused in the other mode", () => {
    expect(() => parseTemplate(defaultTemplate("single"), "pairwise")).toThrow(/only for single judges/);
    expect(() => parseTemplate(defaultTemplate("pairwise"), "single")).toThrow(/only for pairwise judges/);
  });

  it("list only variables the parser accepts in that mode", () => {
    for (const mode of ["single", "pairwise"] as const) {
      const template = TEMPLATE_VARIABLES[mode].map((v) => `{{${v.name.replace("<path>", "user.id")}}}`).join(" ");
      expect(parseTemplate(template, mode).variables).toHaveLength(TEMPLATE_VARIABLES[mode].length);
    }
  });
});
