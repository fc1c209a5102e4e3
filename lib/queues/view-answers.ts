import { z } from "zod";
import { MEASUREMENT_LEVELS } from "@/lib/rubrics/constants";
import { ZCriterionInput } from "@/lib/rubrics/schemas";
import { ZTime } from "@/lib/traces/answers";
import { SPAN_TYPES } from "@/lib/traces/schemas";

// What the labeling screen reads from the session routes (claim, item, history, comments), as
// the JSON the browser receives: components/queues/types.ts names these types for the screen.

const ZId = z.uuid();
const ZSide = z.enum(["A", "B"]);
export type TSide = z.infer<typeof ZSide>;
const ZAssignmentStatus = z.enum(["LEASED", "SUBMITTED", "SKIPPED", "RELEASED"]);

export const ZLeaseAnswer = z.strictObject({
  assignmentId: ZId,
  itemId: ZId,
  leaseExpiresAt: ZTime,
  leftSide: ZSide.nullable(),
  draft: z.unknown(),
  resumed: z.boolean(),
});
export type TLeaseAnswer = z.infer<typeof ZLeaseAnswer>;

/** The next item for the rater, or null when nothing is left for them. */
export const ZClaimAnswer = z.strictObject({ item: ZLeaseAnswer.nullable() });
export type TClaimAnswer = z.infer<typeof ZClaimAnswer>;

const ZSpanView = z.strictObject({
  traceId: ZId,
  spanId: z.string(),
  parentSpanId: z.string().nullable(),
  type: z.enum(SPAN_TYPES),
  name: z.string(),
  model: z.string().nullable(),
  input: z.unknown(),
  output: z.unknown(),
  startTime: ZTime,
});

export const ZTraceView = z.strictObject({
  id: ZId,
  name: z.string().nullable(),
  input: z.unknown(),
  output: z.unknown(),
  metadata: z.record(z.string(), z.unknown()),
  tags: z.array(z.string()),
  release: z.string().nullable(),
  promptVersion: z.string().nullable(),
  sessionId: z.string().nullable(),
  startTime: ZTime,
  endTime: ZTime.nullable(),
  spans: z.array(ZSpanView),
});
export type TTraceView = z.infer<typeof ZTraceView>;

export const ZScoreRow = z.strictObject({
  id: ZId,
  name: z.string(),
  dataType: z.enum(["NUMERIC", "BOOLEAN", "CATEGORICAL", "MULTI", "TEXT", "JSON"]),
  numberValue: z.number().nullable(),
  textValue: z.string().nullable(),
  jsonValue: z.unknown(),
  source: z.enum(["HUMAN", "LLM_JUDGE", "CODE", "END_USER"]),
  raterUserId: ZId.nullable(),
  raterName: z.string().nullable(),
  raterVersion: z.string().nullable(),
  revision: z.number().int(),
  createdAt: ZTime,
});
export type TScoreRow = z.infer<typeof ZScoreRow>;

export const ZCommentView = z.strictObject({ id: ZId, body: z.string(), authorId: ZId, authorName: z.string().nullable(), createdAt: ZTime });
export type TCommentView = z.infer<typeof ZCommentView>;

/** A new comment: the author is the caller. */
export const ZCommentAnswer = ZCommentView.omit({ authorName: true });
export type TCommentAnswer = z.infer<typeof ZCommentAnswer>;

const ZCriterionView = z.intersection(ZCriterionInput, z.object({ id: ZId, measurementLevel: z.enum(MEASUREMENT_LEVELS) }));

export const ZItemViewAnswer = z.strictObject({
  queue: z.strictObject({
    id: ZId,
    name: z.string(),
    instructions: z.string(),
    mode: z.enum(["SINGLE", "PAIRWISE"]),
    overlap: z.number().int(),
    blind: z.boolean(),
  }),
  item: z.strictObject({
    id: ZId,
    status: z.enum(["PENDING", "COMPLETED", "REMOVED"]),
    submittedCount: z.number().int(),
    traceId: ZId,
    traceBId: ZId.nullable(),
    createdAt: ZTime,
  }),
  trace: ZTraceView.nullable().describe("Single items; pairwise items show `sides`"),
  sides: z
    .strictObject({ left: z.strictObject({ side: ZSide, trace: ZTraceView }), right: z.strictObject({ side: ZSide, trace: ZTraceView }) })
    .nullable()
    .describe("Pairwise: the traces in the order recorded for this rater"),
  rubricVersion: z.strictObject({ id: ZId, version: z.number().int(), guidelines: z.string(), criteria: z.array(ZCriterionView) }),
  mine: z
    .strictObject({
      id: ZId,
      status: ZAssignmentStatus,
      draft: z.unknown(),
      leftSide: ZSide.nullable(),
      leaseExpiresAt: ZTime.nullable(),
      submittedAt: ZTime.nullable(),
      skipReason: z.string().nullable(),
      flaggedAt: ZTime.nullable(),
      flagReason: z.string().nullable(),
      labels: z.array(ZScoreRow),
    })
    .nullable(),
  others: z.strictObject({ hidden: z.boolean(), labels: z.array(ZScoreRow), automatedScores: z.array(ZScoreRow.extend({ traceId: ZId.nullable() })) }),
  comments: z.array(ZCommentView),
});
export type TItemViewAnswer = z.infer<typeof ZItemViewAnswer>;

export const ZHistoryAnswer = z.strictObject({
  items: z.array(
    z.strictObject({
      itemId: ZId,
      status: ZAssignmentStatus,
      submittedAt: ZTime.nullable(),
      claimedAt: ZTime.nullable(),
      skipReason: z.string().nullable(),
      flaggedAt: ZTime.nullable(),
      traceId: ZId,
      traceBId: ZId.nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export type THistoryAnswer = z.infer<typeof ZHistoryAnswer>;
