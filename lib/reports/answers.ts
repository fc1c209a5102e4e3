import { z } from "zod";
import { ZGold } from "@/lib/gold/answers";
import { ZTime } from "@/lib/traces/answers";

// What the agreement, disagreement and consensus routes answer. A figure that cannot be
// computed is null with its reason beside it (`…Reason`), never NaN or 0.

const ZId = z.uuid();
const ZCount = z.number().int();
const ZFigure = z.number().nullable();
const ZReason = z.string().optional();

const ZPair = z.strictObject({
  a: z.string().describe("Rater key (see `raters`)"),
  b: z.string(),
  n: ZCount.describe("Items both rated"),
  kappa: ZFigure,
  kappaReason: ZReason,
  weightedKappa: ZFigure.optional().describe("Ordinal levels: quadratic weights on the declared scale"),
  weightedKappaReason: ZReason,
  itemIds: z.array(z.string()).optional().describe("With `ids=true`: the units both rated"),
});

export const ZSummary = z.strictObject({
  alpha: ZFigure.describe("Krippendorff's α at the criterion's measurement level, over first submitted revisions"),
  alphaReason: ZReason,
  ci95: z.tuple([z.number(), z.number()]).nullable().describe("Percentile bootstrap over items, 1,000 resamples, seed 1"),
  ci95Reason: ZReason,
  level: z.enum(["nominal", "ordinal", "interval", "ratio"]),
  items: ZCount,
  raters: ZCount,
  pairable: ZCount.describe("Values in items with two or more ratings"),
  singleRatingItems: ZCount,
  percentAgreement: ZFigure,
  percentAgreementReason: ZReason,
  percentWithinOne: ZFigure.optional(),
  percentWithinOneReason: ZReason,
  pairs: z.array(ZPair).describe("Cohen's κ per pair of raters sharing items (the heatmap)"),
  fleissKappa: ZFigure,
  fleissKappaReason: ZReason,
  ac1: ZFigure,
  ac1Reason: ZReason,
  minimum: z.number().describe("The project's tentative threshold"),
  probabilityBelowMinimum: ZFigure.describe("Share of resamples with α below `minimum`"),
  bootstrap: z.strictObject({ method: z.string(), resamples: ZCount, seed: ZCount, undefinedResamples: ZCount }),
});

const ZMulti = z.strictObject({
  perOption: z
    .array(z.strictObject({ option: z.string(), alpha: ZFigure, alphaReason: ZReason, pairable: ZCount }))
    .describe("Nominal α of each option as a yes/no question"),
  lowest: z.strictObject({ option: z.string().nullable(), alpha: ZFigure, alphaReason: ZReason }).describe("The criterion's figure: its least reliable option"),
  pairs: z.array(z.strictObject({ a: z.string(), b: z.string(), n: ZCount, jaccard: ZFigure, jaccardReason: ZReason })),
});

export const ZLight = z.enum(["reliable", "tentative", "unreliable", "undefined"]);

const ZCriterionReport = z.strictObject({
  criterionId: ZId,
  key: z.string(),
  label: z.string(),
  type: z.string(),
  measurementLevel: z.string(),
  kind: z.enum(["coefficient", "multi", "none"]).describe("multi: per-option α, the lowest is the figure; none: TEXT and CORRECTION, coverage only"),
  light: ZLight.describe("α (or the lowest per-option α) against the project's thresholds"),
  note: z.string().nullable(),
  summary: ZSummary.nullable(),
  summaryReason: ZReason,
  multi: ZMulti.nullable(),
  coverage: z.strictObject({ units: ZCount, unitsWithTwoOrMore: ZCount, labels: ZCount }),
  basis: z
    .strictObject({
      units: ZCount.describe("Units with two or more ratings: what α rests on"),
      labels: ZCount,
      unitIds: z.array(z.string()).optional().describe("With `ids=true`; a unit is an item id, with `:A` or `:B` for one side of a pairwise item"),
      labelIds: z.array(ZId).optional(),
    })
    .describe("The items and labels the figures rest on"),
  distribution: z
    .array(z.strictObject({ rater: z.string(), labels: ZCount, values: z.record(z.string(), ZCount) }))
    .describe("Each rater's values, to compare harsh and lenient raters"),
});
export type TCriterionReport = z.infer<typeof ZCriterionReport>;

export const ZRater = z.strictObject({ key: z.string(), kind: z.enum(["user", "apiKey", "external"]), name: z.string(), labels: ZCount });

export const ZAgreementReport = z.strictObject({
  queue: z.strictObject({ id: ZId, name: z.string(), mode: z.enum(["SINGLE", "PAIRWISE"]), blind: z.boolean(), rubricVersionId: ZId }),
  thresholds: z.strictObject({ tentative: z.number(), reliable: z.number() }),
  independence: z
    .strictObject({ independent: z.boolean(), note: z.string().nullable() })
    .describe("A queue that is not blind: raters could see each other's labels"),
  revisions: z.literal("first").describe("Each rater's first submitted revision"),
  raters: z.array(ZRater),
  criteria: z.array(ZCriterionReport),
  computedAt: ZTime,
});
export type TAgreementReport = z.infer<typeof ZAgreementReport>;

export const ZAgreementQuery = z.object({
  ids: z.enum(["true", "false"]).optional().describe("`true` adds the ids of the units and labels each figure rests on"),
});
export type TAgreementQuery = z.infer<typeof ZAgreementQuery>;

export const ZDisagreementsQuery = z.object({
  criterion: z.string().min(1).max(100).optional().describe("A criterion key; the first criterion with a coefficient otherwise"),
  cursor: z
    .string()
    .regex(/^\d{1,7}$/)
    .optional()
    .describe("From the previous page's `nextCursor`"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type TDisagreementsQuery = z.infer<typeof ZDisagreementsQuery>;

const ZSideBySide = z.strictObject({
  labelId: ZId,
  rater: z.string(),
  raterName: z.string(),
  value: z.unknown(),
  comment: z.string().nullable(),
  rationale: z.array(z.strictObject({ criterion: z.string(), text: z.string() })).describe("The rater's free-text answers on the item"),
  submittedAt: ZTime,
  revision: ZCount,
});

export const ZDisagreementsAnswer = z.strictObject({
  criterion: z.strictObject({ id: ZId, key: z.string(), label: z.string(), type: z.string(), measurementLevel: z.string() }),
  revisions: z.literal("current").describe("The labels an adjudicator settles among: each rater's current revision"),
  items: z.array(
    z.strictObject({
      itemId: ZId,
      side: z.enum(["A", "B"]).nullable(),
      traceId: ZId.nullable(),
      traceBId: ZId.nullable(),
      status: z.enum(["PENDING", "COMPLETED"]),
      disagreement: z
        .number()
        .describe("Nominal: 1 − agreeing pairs / all pairs; ordered levels: the item's share of the observed disagreement; multi-select: 1 − mean Jaccard"),
      labels: z.array(ZSideBySide),
      comments: z.array(z.strictObject({ id: ZId, body: z.string(), authorId: ZId, authorName: z.string(), createdAt: ZTime })),
      gold: z.array(ZGold).describe("The item's current gold for this criterion (adjudicated and reference)"),
    }),
  ),
  total: ZCount.describe("Units with two or more labels, all ranked"),
  nextCursor: z.string().nullable(),
});
export type TDisagreementsAnswer = z.infer<typeof ZDisagreementsAnswer>;

export const ZConsensusQuery = z.object({
  cursor: ZId.optional().describe("The last item id of the previous page (`nextCursor`)"),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type TConsensusQuery = z.infer<typeof ZConsensusQuery>;

const ZLabelOf = z.strictObject({
  criterion: z.string(),
  side: z.enum(["A", "B"]).nullable(),
  labels: ZCount.describe("Current labels counted"),
  consensus: z
    .strictObject({ value: z.unknown().nullable(), method: z.string().optional(), reason: z.string().optional() })
    .describe("By the queue's policy; `method` names the rule applied, or `reason` why there is none"),
  gold: ZGold.nullable().describe("Adjudicated gold, else reference gold"),
  label: z.unknown().nullable().describe("The label of the item: adjudicated gold > reference gold > consensus"),
  source: z.enum(["ADJUDICATED", "REFERENCE", "CONSENSUS"]).nullable().describe("How the label was reached; null when there is none"),
});

export const ZConsensusAnswer = z.strictObject({
  policy: z.enum(["UNANIMOUS", "MAJORITY", "MEDIAN", "MEAN"]),
  items: z
    .array(z.strictObject({ itemId: ZId, traceId: ZId.nullable(), traceBId: ZId.nullable(), criteria: z.array(ZLabelOf) }))
    .describe("COMPLETED items, by id"),
  nextCursor: ZId.nullable().describe("Follow until it is null"),
});
export type TConsensusAnswer = z.infer<typeof ZConsensusAnswer>;

/** How each criterion's completed items got their label: adjudicated gold, reference gold, the raters' consensus, or none yet. */
export type TLabelCounts = Record<string, { ADJUDICATED: number; REFERENCE: number; CONSENSUS: number; none: number }>;
