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

// `raterName`/`raterVersion` is the public vocabulary (the columns and the reader say rater);
// `sourceName`/`sourceVersion`, the first names of the API, stay accepted.
const RATER_ALIASES = [
  ["raterName", "sourceName"],
  ["raterVersion", "sourceVersion"],
] as const;

/** The external rater a score names, in either vocabulary; null when the caller is the rater. */
export function externalRater(
  s: Pick<TScoreIn, "raterName" | "raterVersion" | "sourceName" | "sourceVersion">,
): { name: string | null; version: string | null } | null {
  const name = s.raterName ?? s.sourceName ?? null;
  const version = s.raterVersion ?? s.sourceVersion ?? null;
  return name === null && version === null ? null : { name, version };
}

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
    raterName: z.string().trim().min(1).max(200).optional().describe("An external rater: a judge's name, or the annotator of an imported label"),
    raterVersion: z.string().trim().min(1).max(100).optional().describe("The external rater's version, e.g. a judge's prompt version"),
    sourceName: z.string().trim().min(1).max(200).optional().describe("Accepted alias of raterName"),
    sourceVersion: z.string().trim().min(1).max(100).optional().describe("Accepted alias of raterVersion"),
    rubric: ZRubricRef.optional(),
  })
  .superRefine((s, ctx) => {
    for (const [field, alias] of RATER_ALIASES) {
      if (s[field] !== undefined && s[alias] !== undefined && s[field] !== s[alias]) {
        ctx.addIssue({ code: "custom", message: `${alias} is an alias of ${field}: give one, or the same value in both`, path: [alias] });
      }
    }
    const rater = externalRater(s);
    if (rater && rater.version !== null && rater.name === null)
      ctx.addIssue({ code: "custom", message: "raterVersion needs raterName", path: [s.raterVersion ? "raterVersion" : "sourceVersion"] });
  });
export type TScoreIn = z.infer<typeof ZScoreIn>;

export const ZScoreBatch = z.object({ scores: z.array(z.unknown()).min(1, "Send at least one score") });
export const ZScoreBatchDoc = z.object({ scores: z.array(ZScoreIn).min(1).max(1000) });
