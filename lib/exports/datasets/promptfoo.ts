import { stringify } from "yaml";
import type { TItemContent } from "@/lib/datasets/content";
import type { TExportContext, TLineFormat } from "./context";
import { stringVars, textOf } from "./shapes";

// promptfoo test cases `{description, vars, assert, metadata}`: a list in YAML (or JSON) that a
// config names with `tests: file://…`. Vars are strings (promptfoo would expand an array var
// into several tests). An expected output the rule marked exact is asserted with `equals`;
// any other is a reference for an `llm-rubric` grader that reads the criterion as experts did.

const DEFAULT_RUBRIC = "The output answers the input correctly and is consistent with the reference answer.";

function assertions(item: TItemContent, ctx: TExportContext): Record<string, unknown>[] {
  const rubric = ctx.criterionText(item) ?? DEFAULT_RUBRIC;
  if (item.preference) {
    const value = `${rubric}\n\nA preferred answer:\n${textOf(item.preference.preferred)}\n\nA rejected answer:\n${textOf(item.preference.rejected)}\n\nThe output should be closer to the preferred answer.`;
    return [{ type: "llm-rubric", value }];
  }
  if (item.expectedOutput === null || item.expectedOutput === undefined) return [];
  if (item.exact && typeof item.expectedOutput === "string") return [{ type: "equals", value: item.expectedOutput }];
  return [{ type: "llm-rubric", value: `${rubric}\n\nReference answer:\n${textOf(item.expectedOutput)}` }];
}

export function promptfooTest(item: TItemContent, ctx: TExportContext): Record<string, unknown> {
  const scalar = Object.fromEntries(Object.entries(item.metadata).filter(([, v]) => ["string", "number", "boolean"].includes(typeof v)));
  return {
    description: `${ctx.dataset.name} v${ctx.version.number} ${item.portableId}`,
    vars: stringVars(item.input),
    assert: assertions(item, ctx),
    metadata: { ...scalar, portableId: item.portableId, splits: item.splits.join(","), tags: item.tags.join(",") },
  };
}

export const promptfooYaml: TLineFormat = {
  name: "promptfoo",
  contentType: "application/yaml; charset=utf-8",
  extension: "yaml",
  begin: () => "",
  // Each test a one-element YAML list: the pieces concatenate into one list.
  item: (item, ctx) => stringify([promptfooTest(item, ctx)], { lineWidth: 0 }),
  // An empty file would be no list at all.
  end: (_ctx, count) => (count ? "" : "[]\n"),
};

export const promptfooJson: TLineFormat = {
  name: "promptfoo-json",
  contentType: "application/json",
  extension: "json",
  begin: () => "[\n",
  item: (item, ctx, index) => `${index ? "," : ""}${JSON.stringify(promptfooTest(item, ctx))}\n`,
  end: () => "]\n",
};
