import { z } from "zod";
import { MAX_CONCURRENCY } from "@/lib/judge-runs/schemas";
import { ZTime } from "@/lib/traces/answers";

// What the judge routes take and answer. The same schemas check the editor's form and the server.

export const JUDGE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

// The name is also the rater name of the judge's scores and a URL segment (the database holds the same shape).
export const ZJudgeName = z
  .string()
  .trim()
  .regex(JUDGE_NAME, "Letters, digits and . _ -, starting with a letter or digit, at most 64 characters")
  .describe("Unique in the project; also the rater name of the judge's scores");

export const ZJudgeCreate = z.object({
  name: ZJudgeName,
  description: z.string().max(5000).default(""),
});
export type TJudgeCreate = z.infer<typeof ZJudgeCreate>;

export const ZJudgeUpdate = z.object({
  description: z.string().max(5000).optional(),
  archived: z.boolean().optional().describe("Archive the judge (hidden from new runs) or bring it back"),
});
export type TJudgeUpdate = z.infer<typeof ZJudgeUpdate>;

export const ZJudgeParameters = z.strictObject({
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().min(1).max(32_000).optional(),
  topP: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional(),
  timeoutMs: z.number().int().min(1000).max(600_000).optional().describe("Per call; a call past it is an error for that target"),
  // Optional, so versions published before they existed still parse.
  concurrency: z
    .number()
    .int()
    .min(1)
    .max(MAX_CONCURRENCY)
    .optional()
    .describe("Calls in flight at once for a run of this version; a run may ask for fewer, never more"),
  rpm: z.number().int().min(1).max(100_000).optional().describe("Requests per minute to the connection; a run may ask for fewer, never more"),
});
export type TJudgeParametersInput = z.infer<typeof ZJudgeParameters>;

export const ZDraftFields = z.object({
  rubricVersionId: z.uuid().describe("A published rubric version of the project"),
  criterionId: z.uuid().describe("A criterion of that rubric version: BINARY, SCALE, CATEGORICAL, NUMERIC or PREFERENCE"),
  connectionId: z.uuid(),
  model: z.string().trim().min(1).max(200).describe("One of the connection's models"),
  parameters: ZJudgeParameters.default({}),
  template: z.string().min(1, "Write the prompt template").max(100_000),
  exampleIds: z.array(z.uuid()).max(100).default([]).describe("Calibration examples of this judge that `{{examples}}` shows, in order"),
  changeNote: z.string().max(2000).default(""),
});
export type TDraftFields = z.infer<typeof ZDraftFields>;

export const ZDraftFrom = z.strictObject({
  fromVersion: z.number().int().min(1).describe("Start the draft as a copy of this published version"),
});

export const ZDraftInput = z.union([ZDraftFrom, ZDraftFields]).describe("The whole draft, or `{fromVersion}` to copy a published version");
export type TDraftInput = z.infer<typeof ZDraftInput>;

export const ZPublish = z.object({
  changeNote: z.string().max(2000).optional().describe("Replaces the draft's change note when given"),
});
export type TPublish = z.infer<typeof ZPublish>;

export const ZJudgeVersion = z.strictObject({
  id: z.uuid(),
  judgeName: z.string(),
  version: z.number().int().nullable().describe("1, 2, … once published; null for the draft"),
  status: z.enum(["DRAFT", "PUBLISHED"]),
  rubricVersionId: z.uuid(),
  criterion: z.strictObject({ id: z.uuid(), key: z.string(), label: z.string(), type: z.string() }),
  mode: z.enum(["single", "pairwise"]).describe("A PREFERENCE criterion is judged pairwise; every other type one trace at a time"),
  connectionId: z.uuid(),
  model: z.string(),
  parameters: ZJudgeParameters,
  template: z.string(),
  exampleIds: z.array(z.uuid()),
  changeNote: z.string(),
  publishedAt: ZTime.nullable(),
  createdAt: ZTime,
});
export type TJudgeVersion = z.infer<typeof ZJudgeVersion>;

export const ZJudgeVersionList = z.strictObject({ versions: z.array(ZJudgeVersion) });

export const ZJudge = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  archived: z.boolean(),
  createdAt: ZTime,
  latestVersion: z.number().int().nullable().describe("The latest published version's number; null before the first"),
  criterionLabel: z.string().nullable().describe("The criterion the latest published version answers"),
  model: z.string().nullable().describe("The model of the latest published version"),
  hasDraft: z.boolean(),
});
export type TJudge = z.infer<typeof ZJudge>;

export const JUDGE_LIST_LIMIT = 500;
export const ZJudgeList = z.strictObject({
  judges: z.array(ZJudge).describe(`Active judges by name, then archived ones; at most ${JUDGE_LIST_LIMIT}`),
  truncated: z.boolean(),
});

export const ZDraftDeleted = z.strictObject({ deleted: z.literal(true), id: z.uuid() });

/** What the draft editor offers to choose from (./options.ts). */
export interface TRubricChoice {
  id: string;
  label: string;
  criteria: { id: string; key: string; label: string; type: string; mode: "single" | "pairwise" }[];
}

export interface TEditorOptions {
  rubricVersions: TRubricChoice[];
  connections: { id: string; name: string; models: string[] }[];
  examples: { id: string; label: string }[];
}

/** A published version a run on traces can use: of an active judge, answering one trace at a time. */
export interface TTraceJudge {
  name: string;
  version: number;
  criterionLabel: string;
}
