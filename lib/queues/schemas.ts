import { z } from "zod";

// Boundary schemas for queues and labeling: the same ones validate the API and the services.

const ZId = z.uuid();

export const CONSENSUS_POLICIES = ["UNANIMOUS", "MAJORITY", "MEDIAN", "MEAN"] as const;
export const ZConsensusPolicy = z
  .enum(CONSENSUS_POLICIES)
  .describe(
    "How a completed item's consensus comes from its raters' current labels: all agree; a strict majority (a tie has none); the median (ordinal); the mean rounded to the step (interval)",
  );
const ZIngestRaters = z.boolean().describe("Whether HUMAN scores sent with an INGEST key count as raters in the agreement report");

export const ZOrdering = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("oldest") }).describe("Oldest trace first"),
    z.object({ kind: z.literal("random"), seed: z.number().int().min(0).max(2_147_483_647) }).describe("A fixed shuffle: the same seed gives the same order"),
    z
      .object({
        kind: z.literal("score"),
        name: z.string().min(1).max(100).describe("Score name on the trace, e.g. `thumbs`"),
        direction: z.enum(["asc", "desc"]).default("asc").describe("asc: lowest average first"),
      })
      .describe("By the average of a score on the trace; traces without it come last"),
  ])
  .describe("Which items are claimed first; computed when an item is added and on request");
export type TOrdering = z.infer<typeof ZOrdering>;

export const ZQueueCreate = z.object({
  name: z.string().trim().min(1).max(200),
  instructions: z.string().max(20_000).default(""),
  rubricVersionId: ZId.describe("A published rubric version of this project"),
  mode: z.enum(["SINGLE", "PAIRWISE"]).default("SINGLE"),
  overlap: z.number().int().min(1).max(50).default(1).describe("How many different raters must submit each item"),
  blind: z.boolean().default(false).describe("Raters see no other labels, comments or automated scores on an item until they submitted their own"),
  ordering: ZOrdering.default({ kind: "oldest" }),
  consensusPolicy: ZConsensusPolicy.default("MAJORITY"),
  ingestRaters: ZIngestRaters.default(false),
  memberUserIds: z.array(ZId).max(500).default([]).describe("Users assigned to label the queue"),
});
export type TQueueCreate = z.infer<typeof ZQueueCreate>;

export const ZQueueUpdate = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    instructions: z.string().max(20_000).optional(),
    overlap: z
      .number()
      .int()
      .min(1)
      .max(50)
      .optional()
      .describe("Raising it opens more slots (completed items reopen); lowering it closes surplus open ones and never removes a label"),
    blind: z.boolean().optional(),
    ordering: ZOrdering.optional().describe("A new rule: every item's priority is recomputed at once"),
    status: z.enum(["ACTIVE", "PAUSED", "ARCHIVED"]).optional(),
    consensusPolicy: ZConsensusPolicy.optional(),
    ingestRaters: ZIngestRaters.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Give at least one field")
  .describe("Only the fields given change");
export type TQueueUpdate = z.infer<typeof ZQueueUpdate>;

export const ZMembersAdd = z.object({ userIds: z.array(ZId).min(1).max(500) });
export type TMembersAdd = z.infer<typeof ZMembersAdd>;

export const ZOrderingUpdate = z.object({ ordering: ZOrdering.optional().describe("A new rule; without it the current rule is recomputed") });
export type TOrderingUpdate = z.infer<typeof ZOrderingUpdate>;

const MAX_ITEMS = 10_000;
export const ZItemsAdd = z
  .object({
    traceIds: z.array(ZId).max(MAX_ITEMS).optional().describe("SINGLE queues: one item per trace"),
    pairs: z
      .array(z.object({ a: ZId, b: ZId }).refine((p) => p.a !== p.b, "A pair needs two different traces"))
      .max(MAX_ITEMS)
      .optional()
      .describe("PAIRWISE queues: explicit pairs of traces"),
    group: z
      .object({
        by: z.enum(["release", "promptVersion"]),
        a: z.string().min(1).max(200),
        b: z.string().min(1).max(200),
        traceIds: z
          .array(ZId)
          .max(MAX_ITEMS * 2)
          .optional()
          .describe("Only among these traces; all of the project's otherwise"),
        limit: z.number().int().min(1).max(MAX_ITEMS).default(1000),
      })
      .optional()
      .describe("PAIRWISE queues: pair traces of release (or prompt version) a and b that had the same input"),
  })
  .refine((v) => [v.traceIds, v.pairs, v.group].filter((x) => x !== undefined).length === 1, "Give exactly one of traceIds, pairs or group");
export type TItemsAdd = z.infer<typeof ZItemsAdd>;

export const ZLabelValue = z.union([
  z.boolean(),
  z.number(),
  z.string().max(50_000),
  z.array(z.string().max(500)).max(200),
  z.object({ choice: z.string().max(20), strength: z.number().int().nullable().optional() }).describe("A preference with its strength"),
  z.null(),
]);
export type TLabelValue = z.infer<typeof ZLabelValue>;

/** Criterion key, or `key:A` / `key:B` for one side of a pairwise item. */
const ZLabelName = z.string().regex(/^[A-Za-z0-9_.-]{1,100}(:[AB])?$/, "A criterion key, or key:A / key:B");
export const ZLabelValues = z.record(ZLabelName, ZLabelValue);
export type TLabelValues = z.infer<typeof ZLabelValues>;

export const ZClaim = z.object({
  exclude: z.array(ZId).max(5).default([]).describe("Items the caller holds but wants another than (prefetching the next item)"),
});
export type TClaim = z.infer<typeof ZClaim>;

const ZDraftState = z.record(z.string().max(200), z.unknown());
export const ZDraft = z.object({ draft: ZDraftState });
export type TDraft = z.infer<typeof ZDraft>;

export const ZSubmit = z.object({
  submissionId: ZId.describe("Chosen by the client once per item: a retried submit with the same id answers the first result"),
  values: ZLabelValues,
  draft: ZDraftState.optional().describe("The client's own draft, kept as the item's draft if the submit is refused (409 overlap_reached)"),
});
export type TSubmit = z.infer<typeof ZSubmit>;

export const ZRevise = z.object({ values: ZLabelValues.refine((v) => Object.keys(v).length > 0, "Give at least one value") });
export type TRevise = z.infer<typeof ZRevise>;

export const ZSkip = z.object({ reason: z.string().trim().max(1000).optional() });
export type TSkip = z.infer<typeof ZSkip>;

export const ZFlag = z.object({ flagged: z.boolean().default(true), reason: z.string().trim().max(1000).optional() });
export type TFlag = z.infer<typeof ZFlag>;

export const ZCommentCreate = z.object({ body: z.string().trim().min(1).max(10_000) });
export type TCommentCreate = z.infer<typeof ZCommentCreate>;

export const ZCursorQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type TCursorQuery = z.infer<typeof ZCursorQuery>;

export const ZAnnotationsQuery = ZCursorQuery.extend({
  queue: ZId,
  current: z.enum(["true", "false"]).optional().describe("true: only the current revision of each label"),
});
export type TAnnotationsQuery = z.infer<typeof ZAnnotationsQuery>;

export const ZExportQuery = z.object({
  queue: ZId,
  format: z.enum(["csv", "jsonl"]).default("csv"),
  current: z.enum(["true", "false"]).optional(),
});
export type TExportQuery = z.infer<typeof ZExportQuery>;
