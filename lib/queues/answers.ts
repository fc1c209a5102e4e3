import { z } from "zod";
import { FILE_FORMAT } from "@/lib/rubrics/format";
import { ZCriterionInput } from "@/lib/rubrics/schemas";
import { ZTime } from "@/lib/traces/answers";
import { ZConsensusPolicy, ZOrdering } from "./schemas";

// What the queue and label routes answer, as the JSON a client reads. Strict objects: a field
// a service starts returning without a schema change fails the tests that check answers
// (lib/http/handler.ts) instead of reaching clients undocumented. The labeling screen's
// answers are in ./view-answers.ts.

const ZId = z.uuid();
const ZMode = z.enum(["SINGLE", "PAIRWISE"]);
const ZStatus = z.enum(["ACTIVE", "PAUSED", "ARCHIVED"]);
const ZCount = z.number().int();

export const ZQueueAnswer = z.strictObject({
  projectId: ZId,
  id: ZId,
  name: z.string(),
  instructions: z.string(),
  rubricVersionId: ZId,
  mode: ZMode,
  overlap: ZCount,
  blind: z.boolean(),
  ordering: ZOrdering,
  status: ZStatus,
  createdAt: ZTime,
  consensusPolicy: ZConsensusPolicy,
  ingestRaters: z.boolean(),
});
export type TQueueAnswer = z.infer<typeof ZQueueAnswer>;

export const ZQueueDetailAnswer = ZQueueAnswer.extend({
  rubric: z
    .object({
      format: z.literal(FILE_FORMAT),
      slug: z.string(),
      name: z.string(),
      description: z.string(),
      version: z.number().int().nullable(),
      changeNote: z.string(),
      guidelines: z.string(),
      criteria: z.array(ZCriterionInput),
    })
    .describe("The rubric version the queue's items are labelled against, as a rubric file (the format the rubric export writes)"),
});
export type TQueueDetailAnswer = z.infer<typeof ZQueueDetailAnswer>;

export const ZQueueCreatedAnswer = ZQueueAnswer.extend({ memberUserIds: z.array(ZId).describe("The queue's raters") });
export type TQueueCreatedAnswer = z.infer<typeof ZQueueCreatedAnswer>;

export const ZQueueListAnswer = z.strictObject({
  queues: z
    .array(
      z.strictObject({
        id: ZId,
        name: z.string(),
        mode: ZMode,
        overlap: ZCount,
        blind: z.boolean(),
        status: z.enum(["ACTIVE", "PAUSED"]),
        createdAt: ZTime,
        assigned: z.boolean().describe("Whether the caller is one of its raters"),
        items: ZCount,
        completed: ZCount,
      }),
    )
    .describe("Assigned queues first, then newest first"),
});
export type TQueueListAnswer = z.infer<typeof ZQueueListAnswer>;

const ZTarget = z.strictObject({ traceId: ZId, traceBId: ZId.nullable().optional().describe("Pairwise queues only") });

export const ZItemsAddedAnswer = z.strictObject({
  added: ZCount,
  duplicates: z.array(ZTarget).describe("Already in the queue, or given twice"),
  missing: z.array(ZTarget).describe("Not traces of the project"),
});
export type TItemsAddedAnswer = z.infer<typeof ZItemsAddedAnswer>;

export const ZMembersAddedAnswer = z.strictObject({ added: ZCount.describe("Newly assigned; those already assigned are skipped") });
export type TMembersAddedAnswer = z.infer<typeof ZMembersAddedAnswer>;

export const ZMemberRemovedAnswer = z.strictObject({
  removed: z.literal(true),
  releasedLeases: ZCount.describe("Items the rater held that are open to others again"),
});
export type TMemberRemovedAnswer = z.infer<typeof ZMemberRemovedAnswer>;

export const ZReorderedAnswer = z.strictObject({ ordering: ZOrdering, items: ZCount.describe("How many items were reordered") });
export type TReorderedAnswer = z.infer<typeof ZReorderedAnswer>;

export const ZProgressAnswer = z.strictObject({
  queue: z.strictObject({ id: ZId, name: z.string(), overlap: ZCount, status: ZStatus }),
  totals: z.strictObject({ items: ZCount, completed: ZCount, labels: ZCount, labelsRemaining: ZCount, inProgress: ZCount, skipped: ZCount, flagged: ZCount }),
  raters: z.array(
    z.strictObject({
      userId: ZId,
      name: z.string(),
      email: z.string(),
      done: ZCount,
      skipped: ZCount,
      skipRate: z.number().nullable().describe("Skipped / (submitted + skipped); null before either"),
      inProgress: ZCount,
      remaining: ZCount,
      medianSeconds: z.number().nullable().describe("Median seconds from claim to submit"),
      agreement: z
        .array(
          z.strictObject({
            criterion: z.string(),
            items: ZCount.describe("Units the rater labelled (first revisions)"),
            agreementWithOthers: z
              .number()
              .nullable()
              .describe("Share of units where the rater gave the consensus of the other raters (leave-one-out), among those where the others reach one"),
            agreementWithGold: z.number().nullable().describe("Share of units with gold where the rater gave the gold value"),
            meanOffset: z
              .number()
              .nullable()
              .describe("Ordered levels: mean of the rater's value minus the others' mean (ranks or units); above 0 is more lenient"),
          }),
        )
        .optional()
        .describe("Report readers only: per criterion with a coefficient"),
    }),
  ),
});
export type TProgressAnswer = z.infer<typeof ZProgressAnswer>;

/** One label with its rater, rubric version and place in its revision chain; the download writes these fields. */
export const ZAnnotation = z.strictObject({
  id: ZId,
  queueItemId: ZId,
  traceId: ZId,
  traceBId: ZId.nullable(),
  name: z.string().describe("Criterion key; `key:A` / `key:B` for one side of a pairwise item"),
  criterionId: ZId.nullable(),
  dataType: z.enum(["NUMERIC", "BOOLEAN", "CATEGORICAL", "MULTI", "TEXT", "JSON"]),
  value: z.unknown().describe("Typed by the criterion: boolean, number, text, a list of option values or a preference"),
  raterUserId: ZId.nullable(),
  raterEmail: z.string().nullable(),
  raterName: z.string().nullable(),
  rubricVersionId: ZId.nullable(),
  rubricVersion: ZCount.nullable(),
  leftSide: z.enum(["A", "B"]).nullable().describe("Pairwise: which trace was shown on the left"),
  claimedAt: ZTime.nullable(),
  submittedAt: ZTime.nullable(),
  createdAt: ZTime,
  revision: ZCount,
  isCurrent: z.boolean(),
  supersedesId: ZId.nullable(),
});
export type TAnnotation = z.infer<typeof ZAnnotation>;

export const ZAnnotationsAnswer = z.strictObject({
  annotations: z.array(ZAnnotation),
  nextCursor: z.string().nullable().describe("Follow until it is null"),
});
export type TAnnotationsAnswer = z.infer<typeof ZAnnotationsAnswer>;

export const ZAdjudicatorsAnswer = z.strictObject({
  adjudicators: z
    .array(z.strictObject({ userId: ZId, name: z.string(), email: z.string(), createdAt: ZTime }))
    .describe("Experts named adjudicators of this queue, by name"),
});
export type TAdjudicatorsAnswer = z.infer<typeof ZAdjudicatorsAnswer>;

export const ZAdjudicatorAddedAnswer = z.strictObject({ userId: ZId, added: z.boolean().describe("False when already named") });
export const ZAdjudicatorRemovedAnswer = z.strictObject({ removed: z.literal(true) });
