import type { TItemContent } from "@/lib/datasets/content";
import { assayJsonl } from "./assay-jsonl";
import type { TExportContext, TLineFormat } from "./context";
import { datasetCsv } from "./csv";
import { mlflowJsonl } from "./mlflow";
import { openaiChat, openaiEvals, openaiPreference } from "./openai";
import { promptfooJson, promptfooYaml } from "./promptfoo";

// Every text format a dataset version exports to, by the name the API and CLI take. The
// Hugging Face zip (`hf`) is built by `hfZip` in ./hf.ts.

export const LINE_FORMATS = {
  jsonl: assayJsonl,
  csv: datasetCsv,
  "openai-chat": openaiChat,
  "openai-preference": openaiPreference,
  "openai-evals": openaiEvals,
  promptfoo: promptfooYaml,
  "promptfoo-json": promptfooJson,
  mlflow: mlflowJsonl,
} as const satisfies Record<string, TLineFormat>;

export type TLineFormatName = keyof typeof LINE_FORMATS;
export const DATASET_FORMATS = [...(Object.keys(LINE_FORMATS) as TLineFormatName[]), "hf"] as const;

/** The whole text of a format for items in hand, with how many it left out (they do not fit the format). */
export function encodeAll(format: TLineFormat, items: TItemContent[], ctx: TExportContext): { text: string; written: number; skipped: number } {
  let text = format.begin(ctx);
  let written = 0;
  for (const item of items) {
    const piece = format.item(item, ctx, written);
    if (piece === null) continue;
    text += piece;
    written++;
  }
  return { text: text + format.end(ctx, written), written, skipped: items.length - written };
}

export type { TExportContext, TLineFormat } from "./context";
