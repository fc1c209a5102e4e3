import { z } from "zod";
import { SPLIT_NAME, type TContentTextRow, type TItemContent } from "@/lib/datasets/content";
import type { TLineFormat } from "./context";
import { jsonbAsJson } from "./jsonb-text";

// Assay's own format: every field of the item, lineage included, one JSON object per line.
// Lossless: importing it elsewhere gives items with the same content checksum.

const ZJson: z.ZodType<unknown> = z.unknown();

const ZLineageLabel = z.object({
  criterionKey: z.string(),
  rubricVersionId: z.string().nullable(),
  value: ZJson,
  provenance: z.enum(["gold", "reference", "consensus", "label"]),
  raters: z.array(z.string()),
  adjudicated: z.boolean(),
});

export const ZLineage = z.object({
  traceId: z.string().nullable(),
  spanId: z.string().nullable(),
  traceBId: z.string().nullable(),
  queueId: z.string().nullable(),
  queueItemId: z.string().nullable(),
  labels: z.array(ZLineageLabel),
  via: z.enum(["rule", "traces", "api", "import", "hand"]),
  gateOverride: z.string().nullable(),
  redacted: z.string().nullable(),
  // Written by promotions and adds from traces: kept, as the checksum covers them.
  rule: ZJson.optional(),
  gate: ZJson.optional(),
  addedBy: z.string().optional(),
  addedAt: z.string().optional(),
});

/** One line of an Assay JSONL export, as import reads it back. */
export const ZItemContent = z.object({
  portableId: z.uuid().transform((id) => id.toLowerCase()),
  input: ZJson,
  expectedOutput: ZJson.default(null),
  preference: z.object({ preferred: ZJson, rejected: ZJson }).nullable().default(null),
  metadata: z.record(z.string(), ZJson).default({}),
  splits: z.array(z.string().regex(SPLIT_NAME, "Split names are dotted words, such as test or eval.hard")).default([]),
  tags: z.array(z.string().min(1).max(100)).default([]),
  exact: z.boolean().default(false),
  lineage: ZLineage.nullable().default(null),
});

function assayLine(item: TItemContent): string {
  const { portableId, input, expectedOutput, preference, metadata, splits, tags, exact, lineage } = item;
  return `${JSON.stringify({ portableId, input: input ?? null, expectedOutput: expectedOutput ?? null, preference, metadata, splits, tags, exact, lineage })}\n`;
}

/**
 * The same line from a row whose jsonb columns are Postgres's text: the values' text is copied
 * (compacted) instead of parsed and serialized again, byte for byte what assayLine writes.
 */
export function assayLineOfText(row: TContentTextRow): string {
  const { portableId, input, expectedOutput, preference, metadata, splits, tags, exact, lineage } = row;
  return `{"portableId":${JSON.stringify(portableId)},"input":${jsonbAsJson(input)},"expectedOutput":${jsonbAsJson(expectedOutput)},"preference":${jsonbAsJson(preference)},"metadata":${jsonbAsJson(metadata)},"splits":${JSON.stringify(splits)},"tags":${JSON.stringify(tags)},"exact":${JSON.stringify(exact)},"lineage":${jsonbAsJson(lineage)}}\n`;
}

export const assayJsonl: TLineFormat = {
  name: "jsonl",
  contentType: "application/x-ndjson",
  extension: "jsonl",
  begin: () => "",
  item: assayLine,
  end: () => "",
};

/** Reads one line of an Assay JSONL export; throws the zod error naming the failing path. */
export function parseAssayLine(line: string): TItemContent {
  return ZItemContent.parse(JSON.parse(line)) as TItemContent;
}
