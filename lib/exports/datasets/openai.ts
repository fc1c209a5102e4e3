import type { TItemContent } from "@/lib/datasets/content";
import type { TExportContext, TLineFormat } from "./context";
import { messagesOf, textOf } from "./shapes";

// OpenAI's formats: chat fine-tuning lines, preference (DPO) lines, and items for the Evals API.

const line = (value: unknown) => `${JSON.stringify(value)}\n`;

/** The answer an item teaches: its expected output, or a preference pair's preferred one. */
function target(item: TItemContent): unknown {
  if (item.preference) return item.preference.preferred;
  return item.expectedOutput ?? null;
}

/** `{"messages": [...]}` with the expected output as the final assistant turn; items without one are left out. */
export const openaiChat: TLineFormat = {
  name: "openai-chat",
  contentType: "application/x-ndjson",
  extension: "jsonl",
  begin: () => "",
  item: (item) => {
    const answer = target(item);
    if (answer === null) return null;
    return line({ messages: [...messagesOf(item.input), { role: "assistant", content: textOf(answer) }] });
  },
  end: () => "",
};

/** Preference pairs for direct preference optimization; single items are left out. */
export const openaiPreference: TLineFormat = {
  name: "openai-preference",
  contentType: "application/x-ndjson",
  extension: "jsonl",
  begin: () => "",
  item: (item) =>
    item.preference
      ? line({
          input: { messages: messagesOf(item.input) },
          preferred_output: [{ role: "assistant", content: textOf(item.preference.preferred) }],
          non_preferred_output: [{ role: "assistant", content: textOf(item.preference.rejected) }],
        })
      : null,
  end: () => "",
};

/** One Evals API data item: `{"item": {...}}`, matching `evalsItemSchema`. */
function evalsItem(item: TItemContent): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    id: item.portableId,
    input: item.input ?? null,
    expected_output: item.expectedOutput === null || item.expectedOutput === undefined ? null : textOf(item.expectedOutput),
    splits: item.splits,
    tags: item.tags,
  };
  if (item.preference) {
    fields.preferred_output = textOf(item.preference.preferred);
    fields.rejected_output = textOf(item.preference.rejected);
  }
  return fields;
}

export const openaiEvals: TLineFormat = {
  name: "openai-evals",
  contentType: "application/x-ndjson",
  extension: "jsonl",
  begin: () => "",
  item: (item) => line({ item: evalsItem(item) }),
  end: () => "",
};

/**
 * The `item_schema` of an Evals API `custom` data source that the `openai-evals` lines match.
 * The input follows the dataset's declared input schema when it has one.
 */
export function evalsItemSchema(ctx: Pick<TExportContext, "dataset">): Record<string, unknown> {
  const strings = { type: "array", items: { type: "string" } };
  return {
    type: "object",
    properties: {
      id: { type: "string" },
      input: ctx.dataset.inputSchema ?? {},
      expected_output: { type: ["string", "null"] },
      preferred_output: { type: "string" },
      rejected_output: { type: "string" },
      splits: strings,
      tags: strings,
    },
    required: ["id", "input", "expected_output", "splits", "tags"],
  };
}
