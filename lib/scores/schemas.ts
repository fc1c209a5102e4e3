import { z } from "zod";

// Scores from outside: end-user feedback, automated judges, code checks, labels imported
// from another tool. The same schemas validate requests and produce the OpenAPI document.

export const SCORE_SOURCES = ["END_USER", "LLM_JUDGE", "CODE", "HUMAN"] as const;

export const ZRubricRef = z.object({
  rubric: z.string().min(1).max(200).describe("The rubric's slug"),
  version: z.number().int().min(1).optional().describe("A published version; the latest published one when omitted"),
  criterion: z.string().min(1).max(200).describe("The criterion's key in that version"),
});
export type TRubricRef = z.infer<typeof ZRubricRef>;

export const ZUntypedScoreValue = z.union([
  z.boolean(),
  z.number().refine(Number.isFinite, "A number must be finite"),
  z.string().min(1).max(20_000),
  z.array(z.string().min(1).max(200)).max(100),
]);
export type TUntypedScoreValue = z.infer<typeof ZUntypedScoreValue>;

// Indexed text stays far under PostgreSQL's btree entry limit (~2.7 KB): the longest key,
// `scores_current_key`, holds rater name, rater version and name, at most 500 UTF-16 units,
// so at most 1.5 KB of UTF-8. A longer value is the item's 422, never the database's error.
export const ZScoreIn = z
  .object({
    id: z.string().min(1).max(200).optional().describe("Your id for the score: a retry with the same id is stored once"),
    traceId: z.string().min(1).max(200).describe("The trace's external id"),
    spanId: z.string().min(1).max(200).optional().describe("Score one span of the trace instead of the whole trace"),
    name: z.string().trim().min(1).max(200),
    value: ZUntypedScoreValue.describe("boolean → BOOLEAN, number → NUMERIC, string → CATEGORICAL (or TEXT), array of strings → MULTI"),
    dataType: z.enum(["CATEGORICAL", "TEXT"]).optional().describe("For string values: free text instead of a category"),
    comment: z.string().max(10_000).optional(),
    source: z.enum(SCORE_SOURCES),
    sourceName: z.string().trim().min(1).max(200).optional().describe("An external rater: a judge's name, or the annotator of an imported label"),
    sourceVersion: z.string().trim().min(1).max(100).optional(),
    rubric: ZRubricRef.optional(),
  })
  .refine((s) => !s.sourceVersion || s.sourceName, { message: "sourceVersion needs sourceName", path: ["sourceVersion"] });
export type TScoreIn = z.infer<typeof ZScoreIn>;

export const ZScoreBatch = z.object({ scores: z.array(z.unknown()).min(1, "Send at least one score") });
export const ZScoreBatchDoc = z.object({ scores: z.array(ZScoreIn).min(1).max(1000) });
