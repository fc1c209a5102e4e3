import { z } from "zod";
import { LIMITS } from "./limits";

// The trace filter, shared by the explorer page (its URL search parameters), the session
// JSON route `GET /api/projects/{project}/traces`, the queue selection, and the public
// `GET /api/v1/traces`. Every field arrives as a URL parameter string; an empty field is no
// filter, so a plain GET form can submit every input it has.

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const text = (max = 200) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

// `2026-10-01T08:00` (what <input type="datetime-local"> sends, read as UTC) or any ISO 8601
// date-time with an offset.
const instant = z.preprocess(
  blankToUndefined,
  z
    .union([z.iso.datetime({ offset: true }), z.iso.datetime({ local: true })])
    .transform((value) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`))
    .optional(),
);

// Tags are one comma-separated parameter (`tags=a,b`); a trace must carry all of them.
const tagList = z.preprocess(
  (value) => {
    const parts = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : value;
    if (!Array.isArray(parts)) return parts;
    const tags = parts.map((t) => (typeof t === "string" ? t.trim() : t)).filter((t) => t !== "");
    return tags.length ? tags : undefined;
  },
  z.array(z.string().max(200)).max(20).optional(),
);

export const ZTraceFilter = z
  .object({
    from: instant,
    to: instant,
    name: text(),
    tags: tagList,
    release: text(),
    promptVersion: text(),
    sessionId: text(),
    userId: text(),
    /** With metaValue: traces whose metadata has this top-level key with that value. */
    metaKey: text(),
    metaValue: text(),
    /** Traces with at least one LLM span of this model. */
    model: text(),
    /** Traces with a current score of this name (on the trace itself). */
    scoreName: text(),
    /** With scoreName: that score's value (a number, or a category's text). */
    scoreValue: text(),
    /** Full text over the string values of input and output (web-search syntax: "quoted phrase", -not, or). */
    q: text(500),
  })
  .refine((f) => !f.metaValue || f.metaKey, { path: ["metaKey"], message: "A metadata value needs a key" })
  .refine((f) => !f.metaKey || f.metaValue, { path: ["metaValue"], message: "A metadata key needs a value" })
  .refine((f) => !f.scoreValue || f.scoreName, { path: ["scoreName"], message: "A score value needs a score name" })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The end of the range is before its start" });

export type TTraceFilter = z.infer<typeof ZTraceFilter>;

export const TRACE_PAGE_DEFAULT = 50;
export const TRACE_PAGE_MAX = 200;

export const ZTracePage = z.object({
  /** Opaque: the position after the last row of the previous page. */
  cursor: text(200),
  limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(TRACE_PAGE_MAX).default(TRACE_PAGE_DEFAULT)),
});

/** A list request: the filter plus the page. Parse URL search parameters with this. */
export const ZTraceListQuery = z.intersection(ZTraceFilter, ZTracePage);
export type TTraceListQuery = z.infer<typeof ZTraceListQuery>;

/** The filter's fields, in the order the URL carries them. */
export const TRACE_FILTER_KEYS = [
  "q",
  "from",
  "to",
  "name",
  "tags",
  "release",
  "promptVersion",
  "sessionId",
  "userId",
  "metaKey",
  "metaValue",
  "model",
  "scoreName",
  "scoreValue",
] as const;

/** One row of the list: previews only, never whole payloads. */
export interface TTraceRow {
  id: string;
  externalId: string;
  name: string | null;
  startTime: string;
  durationMs: number | null;
  tags: string[];
  release: string | null;
  promptVersion: string | null;
  sessionId: string | null;
  userId: string | null;
  inputPreview: string;
  outputPreview: string;
}

export interface TTracePageResult {
  items: TTraceRow[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** The most traces one "all matching this filter" selection may hold. */
export const SELECTION_MAX = 10_000;

export const ZQueueSelection = z.union([
  z.object({ traceIds: z.array(z.uuid()).min(1).max(SELECTION_MAX) }).strict(),
  z.object({ filter: ZTraceFilter }).strict(),
]);
export type TQueueSelection = z.infer<typeof ZQueueSelection>;

export interface TQueueSelectionResult {
  /** Traces newly added to the queue. */
  added: number;
  /** Traces already in the queue: left as they were. */
  duplicates: number;
  /** Traces the selection named that are not in this project (or no longer exist). */
  missing: number;
}

// ───── ingestion ─────

// The public shapes of trace ingestion and reading. The same schemas validate requests and
// produce the OpenAPI document (lib/http/openapi.ts).

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
