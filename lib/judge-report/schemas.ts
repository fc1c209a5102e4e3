import { z } from "zod";

// The comparison of a judge with people as requested and as answered; the same schemas
// validate the query, check the answer and produce the OpenAPI document.

export const ZAgreementQuery = z.object({
  version: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe("Our judge's version number (`3` or `v3`, the latest published by default); an external judge's rater version (the newest seen by default)"),
  criterion: z.string().trim().min(1).max(200).optional().describe("The criterion's key (our judges answer one; an external judge's newest by default)"),
  reference: z
    .string()
    .trim()
    .regex(/^(gold|consensus|any|rater:.+)$/, "gold, consensus, any or rater:<user id, email or external rater>")
    .max(300)
    .default("any")
    .describe(
      "Human reference: `gold` (adjudicated, then reference), `consensus`, `any` (the earliest rating), or `rater:<user id | email | external rater name>`",
    ),
  against: z.string().trim().min(1).max(100).optional().describe("Another version of the same judge: both are compared on the items held out from both"),
});
export type TAgreementQuery = z.infer<typeof ZAgreementQuery>;

const ZValue = z.union([z.string(), z.number()]);
const ZJudgmentValue = z.unknown();
const ZKappa = z.object({
  value: z.number().nullable(),
  reason: z.string().optional(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  ci95Reason: z.string().optional(),
  method: z.string(),
  resamples: z.number(),
  seed: z.number(),
});
const ZSide = z.object({ meanKappa: z.number().nullable(), pairs: z.number(), undefinedPairs: z.number() });

export const ZFigures = z.object({
  accuracy: z.number(),
  kappa: ZKappa,
  confusion: z.object({ values: z.array(ZValue), matrix: z.array(z.array(z.number())) }).nullable(),
  perClass: z
    .array(z.object({ value: ZValue, human: z.number(), judge: z.number(), precision: z.number().nullable(), recall: z.number().nullable() }))
    .nullable(),
  ordered: z
    .object({
      quadraticKappa: ZKappa.nullable(),
      spearman: z.object({ value: z.number().nullable(), reason: z.string().optional() }),
      meanAbsoluteError: z.number(),
      bias: z.number(),
      exactAgreement: z.number(),
      withinOne: z.number().nullable(),
    })
    .nullable(),
  ceiling: z
    .object({
      judge: ZSide,
      raters: ZSide,
      detail: z.array(z.object({ a: z.string(), b: z.string(), n: z.number(), kappa: z.number().nullable() })),
    })
    .nullable(),
});

export const ZComparison = z.object({
  level: z.string(),
  comparable: z.number(),
  judgeOnly: z.number().describe("Items the judge rated that have no human reference"),
  humanOnly: z.number().describe("Items with a human reference the judge did not rate"),
  judgeWithoutValue: z.number(),
  referenceOffScale: z.number(),
  heldOutExcluded: z.number().describe("Items left out because the version used them as calibration examples"),
  minimumItems: z.number(),
  figures: ZFigures.nullable().describe("null under the minimum of comparable items, with `reason`"),
  reason: z.string().optional(),
});

export const ZDisagreement = z.object({
  target: z.string().describe("The trace (single-trace judges) or queue item (pairwise) judged"),
  traceId: z.string(),
  traceBId: z.string().nullable().describe("Pairwise judges: the item's second trace; null for single-trace judges"),
  traceExternalId: z.string().nullable(),
  queueItemId: z.string().nullable(),
  score: z.number(),
  judge: ZValue,
  human: ZValue,
  humanValue: ZJudgmentValue.describe("The reference value as stored, to send to the calibration set"),
  judgeValue: ZJudgmentValue,
  rationale: z.string().nullable(),
  labels: z.array(z.object({ rater: z.string(), value: ZJudgmentValue })),
});

export const ZJudgeAgreement = z.object({
  judge: z.string(),
  external: z.boolean(),
  version: z.string(),
  versions: z.array(z.string()),
  criterion: z.object({ id: z.string(), key: z.string(), label: z.string(), type: z.string() }),
  criteria: z.array(z.object({ id: z.string(), key: z.string(), label: z.string() })),
  mode: z.enum(["single", "pairwise"]),
  reference: z.string(),
  comparison: ZComparison,
  disagreements: z.array(ZDisagreement),
  position: z
    .object({
      items: z.number(),
      consistent: z.number(),
      positionConsistency: z.number().nullable(),
      decisiveAnswers: z.number(),
      firstPositionPickRate: z.number().nullable(),
      tieRate: z.number().nullable(),
    })
    .nullable()
    .describe(
      "Pairwise judges: how often a verdict survived swapping the outputs, and how often the output shown first was picked; null without recorded answers",
    ),
  against: z
    .object({
      version: z.string(),
      items: z.number().describe("Items both versions rated, held out from both"),
      heldOutExcluded: z.number(),
      self: ZComparison,
      other: ZComparison,
    })
    .nullable(),
});
export type TJudgeAgreement = z.infer<typeof ZJudgeAgreement>;

export const ZExternalJudges = z.object({
  judges: z.array(
    z.object({
      name: z.string().describe("Addressed as `external:<name>`"),
      versions: z.array(z.string()),
      criteria: z.array(z.object({ id: z.string(), key: z.string() })),
      count: z.number(),
    }),
  ),
});
export type TExternalJudges = z.infer<typeof ZExternalJudges>;
