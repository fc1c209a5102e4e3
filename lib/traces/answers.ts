import { z } from "zod";
import { SCORE_SOURCES } from "@/lib/scores/schemas";
import { SPAN_TYPES, ZItemResult } from "./schemas";

// What the trace routes answer, as the JSON a client reads (times are ISO strings). Strict
// objects: a field a service starts returning without a schema change fails the tests that
// check answers (lib/http/handler.ts), instead of reaching clients undocumented.

export const ZTime = z.iso.datetime({ offset: true });
const ZJsonObject = z.record(z.string(), z.unknown());

/** A batch write: one result per item, in order. */
export const ZBatchAnswer = z.strictObject({
  results: z.array(ZItemResult.strict()),
  accepted: z.number().int(),
  rejected: z.number().int(),
});
export type TBatchAnswer = z.infer<typeof ZBatchAnswer>;

export const ZDeletedAnswer = z.strictObject({ deleted: z.number().int().describe("How many traces were deleted") });
export type TDeletedAnswer = z.infer<typeof ZDeletedAnswer>;

/** One trace of a list: previews only, never whole payloads. */
export const ZTraceListed = z.strictObject({
  id: z.string().describe("The trace's external id"),
  name: z.string().nullable(),
  startTime: ZTime,
  durationMs: z.number().nullable(),
  tags: z.array(z.string()),
  release: z.string().nullable(),
  promptVersion: z.string().nullable(),
  sessionId: z.string().nullable(),
  userId: z.string().nullable(),
  inputPreview: z.string(),
  outputPreview: z.string(),
});

export const ZTraceListAnswer = z.strictObject({
  traces: z.array(ZTraceListed).describe("Newest first"),
  nextCursor: z.string().nullable().describe("Pass back as `cursor` for the next page; null on the last page"),
});
export type TTraceListAnswer = z.infer<typeof ZTraceListAnswer>;

const ZSpanOut = z.strictObject({
  id: z.string(),
  parentId: z.string().nullable(),
  type: z.enum(SPAN_TYPES),
  name: z.string(),
  input: z.unknown(),
  output: z.unknown(),
  model: z.string().nullable(),
  inputTokens: z.number().int().nullable(),
  outputTokens: z.number().int().nullable(),
  status: z.string().nullable(),
  attributes: ZJsonObject,
  startTime: ZTime,
  endTime: ZTime.nullable(),
  createdAt: ZTime,
});

const ZScoreOut = z.strictObject({
  id: z.string().describe("Your id for the score, or ours"),
  spanId: z.string().nullable(),
  name: z.string(),
  dataType: z.enum(["NUMERIC", "BOOLEAN", "CATEGORICAL", "MULTI", "TEXT", "JSON"]),
  value: z.unknown(),
  comment: z.string().nullable(),
  source: z.enum(SCORE_SOURCES),
  rater: z.union([
    z.strictObject({ user: z.uuid() }),
    z.strictObject({ apiKey: z.uuid() }),
    z.strictObject({ name: z.string().nullable(), version: z.string().nullable() }),
  ]),
  rubric: z.strictObject({ rubric: z.string(), version: z.number().int(), criterion: z.string().nullable() }).nullable(),
  revision: z.number().int(),
  createdAt: ZTime,
});

export const ZTraceAnswer = z.strictObject({
  trace: z.strictObject({
    id: z.string().describe("The trace's external id"),
    userId: z.string().nullable(),
    name: z.string().nullable(),
    input: z.unknown(),
    output: z.unknown(),
    metadata: ZJsonObject,
    tags: z.array(z.string()),
    sessionId: z.string().nullable(),
    release: z.string().nullable(),
    promptVersion: z.string().nullable(),
    startTime: ZTime,
    endTime: ZTime.nullable(),
    lockedAt: ZTime.nullable().describe("Set once labelled or queued: input and output no longer change"),
    createdAt: ZTime,
    updatedAt: ZTime,
    spans: z.array(ZSpanOut),
    scores: z.array(ZScoreOut).describe("Current scores of the trace and its spans"),
  }),
});
export type TTraceAnswer = z.infer<typeof ZTraceAnswer>;
