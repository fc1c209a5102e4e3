import { z } from "zod";
import { ZTime } from "@/lib/traces/answers";
import { ZQueueSelection } from "@/lib/traces/schemas";

// What previews and runs take and answer. The same schemas validate the run form and the API.

export const ZPreviewRequest = z.strictObject({
  version: z.union([z.number().int().min(1), z.literal("draft")]).describe("A published version's number, or the draft"),
  traceId: z.string().min(1).max(200).optional().describe("The trace's own id (its external id), for a single-trace judge"),
  queueItemId: z.uuid().optional().describe("A pairwise queue item, for a pairwise judge"),
});
export type TPreviewRequest = z.infer<typeof ZPreviewRequest>;

export const ZPreview = z.strictObject({
  messages: z.array(z.strictObject({ role: z.enum(["system", "user"]), content: z.string() })),
  responseFormat: z.record(z.string(), z.unknown()).nullable(),
  model: z.string(),
});
export type TPreview = z.infer<typeof ZPreview>;

export const ZRunTarget = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("queue"), queueId: z.uuid() }),
  z.strictObject({ kind: z.literal("traces"), selection: ZQueueSelection }),
  z.strictObject({
    kind: z.literal("dataset"),
    datasetId: z.uuid(),
    version: z.union([z.number().int().min(1), z.string().min(1).max(100)]).describe("A version number or tag"),
    split: z.string().min(1).max(100).optional(),
  }),
]);
export type TRunTarget = z.infer<typeof ZRunTarget>;

export const MAX_CONCURRENCY = 64;

export const ZRunStart = z.strictObject({
  version: z.number().int().min(1),
  target: ZRunTarget,
  spendCap: z.number().positive().max(1_000_000).optional().describe("US dollars: the run stops before a call that would spend past it"),
  rerun: z.boolean().default(false).describe("Judge again the targets this version already judged (the new result supersedes the old)"),
  dryRun: z.boolean().default(false).describe("Answer the estimate without starting"),
  concurrency: z.number().int().min(1).max(MAX_CONCURRENCY).optional().describe("Calls in flight at once (8 unless the version says otherwise)"),
  rpm: z.number().int().min(1).max(100_000).optional().describe("Requests per minute to the connection"),
});
export type TRunStart = z.infer<typeof ZRunStart>;

export const ZEstimate = z.strictObject({
  targets: z.number().int(),
  skipped: z.number().int().describe("Targets this version already judged (left out unless re-running)"),
  calls: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cost: z.number().nullable().describe("US dollars; null when the model has no prices"),
});
export type TEstimate = z.infer<typeof ZEstimate>;

export const RUN_STATUSES = ["QUEUED", "RUNNING", "COMPLETED", "CANCELLED", "CAPPED", "FAILED"] as const;
export type TRunStatus = (typeof RUN_STATUSES)[number];
export const ITEM_STATUSES = ["PENDING", "DONE", "ERROR", "SKIPPED"] as const;

export const ZRun = z.strictObject({
  id: z.uuid(),
  judgeName: z.string(),
  version: z.number().int(),
  status: z.enum(RUN_STATUSES),
  target: z.record(z.string(), z.unknown()),
  rerun: z.boolean(),
  spendCap: z.number().nullable(),
  estimate: z.record(z.string(), z.unknown()),
  counts: z.strictObject({ total: z.number().int(), PENDING: z.number().int(), DONE: z.number().int(), ERROR: z.number().int(), SKIPPED: z.number().int() }),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cost: z.number(),
  ratePerSecond: z.number().nullable().describe("Finished targets per second since the run started"),
  etaSeconds: z.number().nullable(),
  error: z.string().nullable(),
  createdAt: ZTime,
  startedAt: ZTime.nullable(),
  finishedAt: ZTime.nullable(),
});
export type TRun = z.infer<typeof ZRun>;

export const ZRunStarted = z.union([z.strictObject({ dryRun: z.literal(true), estimate: ZEstimate }), z.strictObject({ dryRun: z.literal(false), run: ZRun })]);
export type TRunStarted = z.infer<typeof ZRunStarted>;

export const ZRunList = z.strictObject({ runs: z.array(ZRun) });

export const ZRunItemsQuery = z.strictObject({
  status: z.enum(ITEM_STATUSES).optional(),
  cursor: z.uuid().optional().describe("The last item id of the previous page"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TRunItemsQuery = z.infer<typeof ZRunItemsQuery>;

export const ZRunItem = z.strictObject({
  id: z.uuid(),
  target: z.strictObject({ kind: z.enum(["trace", "queueItem", "datasetItem"]), id: z.uuid(), label: z.string().nullable() }),
  status: z.enum(ITEM_STATUSES),
  superseded: z.boolean(),
  attempts: z.number().int(),
  value: z.unknown(),
  rationale: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cost: z.number(),
  latencyMs: z.number().int().nullable(),
});
export type TRunItem = z.infer<typeof ZRunItem>;
export const ZRunItems = z.strictObject({ items: z.array(ZRunItem), nextCursor: z.uuid().nullable() });
