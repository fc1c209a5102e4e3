import { z } from "zod";
import { LIMITS } from "./limits";

// The public shapes of trace ingestion and reading. The same schemas validate requests and
// produce the OpenAPI document (lib/traces/openapi.ts).

const MAX_EPOCH_MS = 8.64e15;

/** ISO 8601 with a UTC offset (`Z` or `+02:00`), or epoch milliseconds. Local times are refused: they name no instant. */
export const ZTimestamp = z
  .union([z.iso.datetime({ offset: true, message: "Use ISO 8601 with an offset, e.g. 2026-01-31T12:00:00Z" }), z.number().int().min(0).max(MAX_EPOCH_MS)])
  .transform((v) => new Date(v));

const ZShort = z.string().max(200);
const ZTokens = z.number().int().min(0).max(2_147_483_647);

export const SPAN_TYPES = ["LLM", "RETRIEVAL", "TOOL", "CHAIN", "EMBEDDING", "GUARDRAIL", "OTHER"] as const;
export const ZSpanType = z.enum(SPAN_TYPES);
export type TSpanType = z.infer<typeof ZSpanType>;

export const ZSpanIn = z.object({
  id: z.string().min(1).max(200).describe("The span's id, unique within its trace; a repeat replaces the stored span"),
  parentId: z.string().min(1).max(200).nullish().describe("The parent span's id; the parent may arrive later"),
  type: ZSpanType.default("OTHER"),
  name: z.string().min(1).max(1000),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  model: ZShort.nullish(),
  usage: z.object({ inputTokens: ZTokens.optional(), outputTokens: ZTokens.optional() }).optional(),
  startTime: ZTimestamp.optional().describe("Defaults to the trace's start"),
  endTime: ZTimestamp.optional(),
  status: ZShort.nullish(),
  attributes: z.record(z.string(), z.unknown()).optional(),
});
export type TSpanIn = z.infer<typeof ZSpanIn>;

export const ZTraceIn = z.object({
  id: z.string().min(1).max(200).optional().describe("Your id for the trace. A repeat merges into the stored trace; omitted, one is generated"),
  name: z.string().max(1000).nullish(),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  metadata: z.record(z.string(), z.unknown()).optional().describe("Merged key by key into the stored metadata"),
  tags: z.array(z.string().min(1).max(200)).max(100).optional(),
  sessionId: ZShort.nullish(),
  userId: ZShort.nullish().describe("The end user of your application, e.g. for data-subject deletion"),
  release: ZShort.nullish(),
  promptVersion: ZShort.nullish(),
  startTime: ZTimestamp.optional(),
  endTime: ZTimestamp.optional(),
  spans: z.array(ZSpanIn).max(LIMITS.spansPerItem).optional(),
});
export type TTraceIn = z.infer<typeof ZTraceIn>;

/** The envelope only: items are validated one by one so one bad item never sinks the rest. */
export const ZTraceBatch = z.object({
  traces: z.array(z.unknown()).min(1, "Send at least one trace"),
});

export const ZTraceBatchDoc = z.object({ traces: z.array(ZTraceIn).min(1).max(LIMITS.batchItems) });

const ZCsv = z
  .string()
  .max(2000)
  .transform((s) =>
    s
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
  );

export const ZTraceListQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional().describe("Traces that started at or after this instant"),
  to: z.iso.datetime({ offset: true }).optional().describe("Traces that started before this instant"),
  name: ZShort.optional(),
  tags: ZCsv.optional().describe("Comma-separated; a trace must carry every one"),
  release: ZShort.optional(),
  promptVersion: ZShort.optional(),
  sessionId: ZShort.optional(),
  userId: ZShort.optional(),
  metadata: z
    .string()
    .max(500)
    .regex(/^[^=]+=.*$/, "Use key=value")
    .optional()
    .describe("key=value: the metadata key holds exactly this string"),
  model: ZShort.optional().describe("Traces with a span of this model"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe("`nextCursor` of the previous page"),
});
export type TTraceListQuery = z.infer<typeof ZTraceListQuery>;

export const ZDeleteReason = z.object({
  reason: z.string().trim().min(1, "Say why (kept in the audit log)").max(500),
});
export type TDeleteReason = z.infer<typeof ZDeleteReason>;

export const ZRetentionUpdate = z.object({
  retentionDays: z.number().int().min(1).max(36_500).nullable().describe("Delete traces older than this many days; null keeps them"),
});
export type TRetentionUpdate = z.infer<typeof ZRetentionUpdate>;

/** One result per submitted item, in order. */
export const ZItemResult = z.object({
  index: z.number().int(),
  status: z.enum(["accepted", "rejected"]),
  id: z.string().optional().describe("The external id (generated when omitted)"),
  code: z.string().optional(),
  httpStatus: z.number().int().optional(),
  message: z.string().optional(),
  warnings: z.array(z.string()).optional(),
});
export type TItemResult = z.infer<typeof ZItemResult>;
