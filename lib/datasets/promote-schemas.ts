import { z } from "zod";
import { ZQueueSelection } from "@/lib/traces/schemas";
import { SPLIT_NAME } from "./content";
import { ZItemResult } from "./schemas";

// What promotion from a queue and adding from the explorer take and answer. Shared by the
// routes and the screens, so the form and the server check the same rule.

const ZKey = z.string().trim().min(1).max(100);
const ZSplit = z.string().max(100).regex(SPLIT_NAME, "Split names are dotted words, such as test or eval.hard");
const ZTag = z.string().trim().min(1).max(100);

export const ZCondition = z.object({
  criterion: ZKey.describe("A criterion key of the queue's rubric version"),
  equals: z
    .array(z.unknown().refine((v) => v !== undefined && v !== null, "Give a value"))
    .min(1)
    .max(50)
    .describe("The values that select an item (any of them): `true`/`false` for BINARY, a level, an option, a list of options for MULTI"),
});
export type TCondition = z.infer<typeof ZCondition>;

export const ZPromotionRule = z.object({
  queueId: z.uuid(),
  conditions: z.array(ZCondition).max(20).default([]).describe("All must hold; the label of an item is its gold, else its consensus"),
  expectedOutput: z
    .discriminatedUnion("from", [
      z.object({ from: z.literal("criterion"), criterion: ZKey.describe("A CORRECTION or TEXT criterion") }),
      z.object({ from: z.literal("trace_output") }),
    ])
    .default({ from: "trace_output" })
    .describe("Single-trace items only; a pairwise item becomes a preference pair"),
  preference: ZKey.optional().describe("Pairwise queues: the PREFERENCE criterion that names the preferred trace (the rubric's first one by default)"),
  splits: z.array(ZSplit).max(20).default([]),
  tags: z.array(ZTag).max(50).default([]),
});
export type TPromotionRule = z.infer<typeof ZPromotionRule>;
export type TPromotionRuleInput = z.input<typeof ZPromotionRule>;

export const ZPromotionPreviewRequest = z.object({
  rule: ZPromotionRule,
  sample: z.number().int().min(0).max(200).default(20).describe("How many selected items to show"),
});

export const ZPromotionApply = z.object({
  rule: ZPromotionRule,
  override: z
    .string()
    .trim()
    .min(10, "Say why the gate is overridden, in a sentence")
    .max(2000)
    .optional()
    .describe("ADMIN only: adds the items although the agreement gate refuses them; audited and kept in each item's lineage"),
  duplicates: z.enum(["skip", "keep"]).default("skip"),
});
export type TPromotionApply = z.infer<typeof ZPromotionApply>;

// Answers

/** A queue the promotion screen offers, with its rubric version's criteria and the values a condition can pick. */
export interface TPromotionSource {
  id: string;
  name: string;
  mode: "SINGLE" | "PAIRWISE";
  criteria: { key: string; label: string; type: string; choices: { value: unknown; label: string }[] | null }[];
}

const ZGateCriterion = z.strictObject({
  criterion: z.string(),
  type: z.string(),
  alpha: z.number().nullable().describe("Krippendorff's α over the whole queue (MULTI: the lowest per-option α)"),
  option: z.string().nullable().describe("MULTI: the option with the lowest α"),
  light: z.enum(["reliable", "tentative", "unreliable", "undefined"]),
  status: z.enum(["pass", "fail", "exempt"]).describe("exempt: free text has no coefficient; it is promoted only through gold or unanimity"),
  reason: z.string().nullable(),
});

export const ZGateVerdict = z.strictObject({
  passed: z.boolean(),
  threshold: z.number().describe("The project's tentative threshold: the minimum α for tentative conclusions"),
  criteria: z.array(ZGateCriterion),
});
export type TGateVerdict = z.infer<typeof ZGateVerdict>;

const ZPreviewItem = z.strictObject({
  queueItemId: z.uuid(),
  traceId: z.uuid().nullable(),
  traceBId: z.uuid().nullable(),
  input: z.unknown(),
  expectedOutput: z.unknown(),
  preference: z.strictObject({ preferred: z.unknown(), rejected: z.unknown() }).nullable(),
  labels: z.array(z.strictObject({ criterion: z.string(), value: z.unknown(), provenance: z.string() })),
});

export const ZPromotionPreview = z.strictObject({
  queue: z.strictObject({ id: z.uuid(), name: z.string(), mode: z.enum(["SINGLE", "PAIRWISE"]) }),
  counts: z.strictObject({
    items: z.number().int().describe("Items in the queue, not removed"),
    completed: z.number().int(),
    selected: z.number().int().describe("Completed items the rule turns into dataset items"),
    notMatching: z.number().int().describe("Completed items whose label fails a condition"),
    skipped: z.number().int().describe("Completed items the rule cannot decide (see `skipped`)"),
  }),
  sample: z.array(ZPreviewItem).describe("The first selected items, by queue item id"),
  skipped: z.array(z.strictObject({ queueItemId: z.uuid(), reason: z.string() })).describe("Up to 200, with the reason"),
  gate: ZGateVerdict,
});
export type TPromotionPreview = z.infer<typeof ZPromotionPreview>;

export const ZPromotionResult = z.strictObject({
  added: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  results: z.array(ZItemResult.extend({ queueItemId: z.uuid() })),
  gate: ZGateVerdict,
  override: z.string().nullable(),
});
export type TPromotionResult = z.infer<typeof ZPromotionResult>;

export const ZTracesToDataset = z.object({
  selection: ZQueueSelection,
  splits: z.array(ZSplit).max(20).default([]),
  tags: z.array(ZTag).max(50).default([]),
  duplicates: z.enum(["skip", "keep"]).default("skip"),
});
export type TTracesToDataset = z.infer<typeof ZTracesToDataset>;

export const ZTracesToDatasetResult = z.strictObject({
  added: z.number().int(),
  duplicates: z.number().int().describe("Traces whose input matches an item already there (or earlier in the selection)"),
  rejected: z.number().int(),
  missing: z.number().int().describe("Ids not in this project, or no longer there"),
  results: z.array(ZItemResult.extend({ traceId: z.uuid() })),
});
export type TTracesToDatasetResult = z.infer<typeof ZTracesToDatasetResult>;
