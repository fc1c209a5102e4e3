import { z } from "zod";
import { DEFAULT_LEVEL, MAX_TEXT_LENGTH, MEASUREMENT_LEVELS, type TCriterionType, type TMeasurementLevel } from "./constants";
import { rubricRuleIssues } from "./rules";

export * from "./constants";

// One definition of a rubric, shared by the editor form, the API, import files and the
// score checks. Rules that span fields (unique keys, contiguous levels) live in rules.ts.

const text = (max: number) => z.string().trim().max(max);
const required = (what: string, max = 200) => z.string().trim().min(1, `Enter ${what}`).max(max);

export const ZRubricSlug = z
  .string()
  .trim()
  .min(2, "Use at least 2 characters")
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens");

export const ZCriterionKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, "Start with a letter; use lower-case letters, digits and _");

const ZSide = z.object({ label: required("a label", 80), description: required("what this side means", 2000) });
export const ZBinaryConfig = z.object({ pass: ZSide, fail: ZSide });

export const ZExemplar = z.object({ text: required("the example response", 10_000), note: text(1000).default("") });
export const ZScaleLevel = z.object({
  value: z.number().int(),
  label: required("a label", 80),
  description: required("an anchored description", 2000),
  exemplars: z.array(ZExemplar).max(10).default([]),
});
export const ZScaleConfig = z.object({ min: z.number().int(), max: z.number().int(), levels: z.array(ZScaleLevel) });

export const ZOption = z.object({
  value: z.string().trim().min(1, "Enter a value").max(80),
  label: required("a label", 80),
  description: text(2000).default(""),
});
export const ZChoiceConfig = z.object({ options: z.array(ZOption).max(50) });
export const ZMultiConfig = z.object({
  options: z.array(ZOption).max(50),
  minSelected: z.number().int().min(0).default(0),
  maxSelected: z.number().int().min(1).nullable().default(null),
});
export const ZNumericConfig = z.object({
  min: z.number().finite(),
  max: z.number().finite(),
  step: z.number().positive("The step must be above 0").nullable().default(null),
  unit: text(20).default(""),
});
export const ZTextConfig = z.object({ maxLength: z.number().int().min(1).max(MAX_TEXT_LENGTH) });
export const ZCorrectionConfig = z.object({ maxLength: z.number().int().min(1).max(MAX_TEXT_LENGTH).default(MAX_TEXT_LENGTH) });
export const ZPreferenceConfig = z.object({
  allowTie: z.boolean().default(true),
  allowBothBad: z.boolean().default(true),
  strength: z.boolean().default(false),
});

export const CONFIG_SCHEMAS = {
  BINARY: ZBinaryConfig,
  SCALE: ZScaleConfig,
  CATEGORICAL: ZChoiceConfig,
  MULTI: ZMultiConfig,
  NUMERIC: ZNumericConfig,
  TEXT: ZTextConfig,
  CORRECTION: ZCorrectionConfig,
  PREFERENCE: ZPreferenceConfig,
} as const;

export type TBinaryConfig = z.infer<typeof ZBinaryConfig>;
export type TScaleConfig = z.infer<typeof ZScaleConfig>;
export type TChoiceConfig = z.infer<typeof ZChoiceConfig>;
export type TMultiConfig = z.infer<typeof ZMultiConfig>;
export type TNumericConfig = z.infer<typeof ZNumericConfig>;
export type TTextConfig = z.infer<typeof ZTextConfig>;
export type TCorrectionConfig = z.infer<typeof ZCorrectionConfig>;
export type TPreferenceConfig = z.infer<typeof ZPreferenceConfig>;

const base = {
  key: ZCriterionKey,
  label: required("a label", 120),
  question: text(1000).default(""),
  guidance: text(5000).default(""),
  required: z.boolean().default(true),
  measurementLevel: z.enum(MEASUREMENT_LEVELS).optional(),
};

const variant = <T extends TCriterionType, C extends z.ZodType>(type: T, config: C) => z.object({ ...base, type: z.literal(type), config });

export const ZCriterionInput = z.discriminatedUnion("type", [
  variant("BINARY", ZBinaryConfig),
  variant("SCALE", ZScaleConfig),
  variant("CATEGORICAL", ZChoiceConfig),
  variant("MULTI", ZMultiConfig),
  variant("NUMERIC", ZNumericConfig),
  variant("TEXT", ZTextConfig),
  variant("CORRECTION", ZCorrectionConfig),
  variant("PREFERENCE", ZPreferenceConfig),
]);
export type TCriterionInput = z.input<typeof ZCriterionInput>;

/** A criterion as stored: the measurement level is always known. */
export type TCriterion = z.output<typeof ZCriterionInput> & { measurementLevel: TMeasurementLevel };

/** What a version holds: guidelines and ordered criteria. */
export const ZRubricContent = z
  .object({
    guidelines: text(50_000).default(""),
    criteria: z.array(ZCriterionInput).max(50),
  })
  .superRefine((content, ctx) => {
    for (const issue of rubricRuleIssues(content)) ctx.addIssue({ ...issue });
  })
  .transform((content) => ({
    guidelines: content.guidelines,
    criteria: content.criteria.map((c) => ({ ...c, measurementLevel: c.measurementLevel ?? DEFAULT_LEVEL[c.type] }) as TCriterion),
  }));
export type TRubricContent = z.output<typeof ZRubricContent>;
export type TRubricContentInput = z.input<typeof ZRubricContent>;

export const ZRubricCreate = z.object({
  slug: ZRubricSlug,
  name: required("a name", 120),
  description: text(2000).default(""),
  template: z.enum(["rag", "pairwise", "safety"]).optional(),
});
export type TRubricCreate = z.infer<typeof ZRubricCreate>;

export const ZRubricUpdate = z
  .object({ name: required("a name", 120).optional(), description: text(2000).optional(), archived: z.boolean().optional() })
  .refine((v) => v.name !== undefined || v.description !== undefined || v.archived !== undefined, "Give a name, a description or archived");
export type TRubricUpdate = z.infer<typeof ZRubricUpdate>;

export const ZPublish = z.object({ changeNote: required("a change note", 2000) });
export type TPublish = z.infer<typeof ZPublish>;

export const ZRubricListQuery = z.object({ archived: z.enum(["0", "1"]).default("0") });

export const ZRubricExportQuery = z.object({
  version: z.string().regex(/^\d+$/, "Give a version number").transform(Number).optional(),
  format: z.enum(["yaml", "json"]).default("yaml"),
});

export const ZImport = z.object({
  format: z.enum(["yaml", "json"]),
  content: z.string().min(1, "Paste or choose a file").max(1_000_000),
  /** Another slug than the file's, e.g. when the file's slug is taken. */
  slug: ZRubricSlug.optional(),
  publish: z.boolean().default(false),
});
export type TImport = z.infer<typeof ZImport>;

export const ZDiffQuery = z.object({ from: z.uuid(), to: z.uuid() });
