import { z } from "zod";
import { SPLIT_NAME, type TItemContent, canonicalText } from "@/lib/datasets/content";
import type { TLineFormat } from "./context";

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

/**
 * An item's line: its canonical JSON (RFC 8785), the text the version's checksum hashes for it,
 * so a line's keys are sorted and its splits and tags are sorted sets. Exports write the text
 * each revision keeps, which is this.
 */
const assayLine = (item: TItemContent): string => `${canonicalText(item)}\n`;

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
