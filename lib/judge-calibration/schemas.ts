import { z } from "zod";

// A judge's calibration set: items people settled, picked from the comparison's disagreement
// list with the human value and a note, which a new version shows through `{{examples}}`.

export const ZExampleAdd = z.object({
  version: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .optional()
    .describe("The version whose value and rationale are copied beside the human value (the latest published by default)"),
  examples: z
    .array(
      z.object({
        target: z.uuid().describe("The trace (single-trace judges) or queue item (pairwise judges), as the comparison's disagreement list names it"),
        humanValue: z
          .unknown()
          .refine((v) => v !== undefined && v !== null, "The human value is required")
          .describe("The value people gave, in the criterion's type"),
        note: z.string().trim().max(2000).default("").describe("Why this example: what the judge should learn from it"),
      }),
    )
    .min(1)
    .max(100),
});
export type TExampleAdd = z.infer<typeof ZExampleAdd>;

export const ZExampleQuery = z.object({
  format: z.enum(["json", "jsonl"]).default("json").describe("`jsonl`: a download, one line per example (docs/judges.md#calibration-sets)"),
});

export const ZExample = z.object({
  id: z.string(),
  traceId: z.string().nullable(),
  traceExternalId: z.string().nullable(),
  queueItemId: z.string().nullable(),
  input: z.unknown(),
  output: z.unknown(),
  outputB: z.unknown(),
  humanValue: z.unknown(),
  judgeValue: z.unknown(),
  judgeRationale: z.string().nullable(),
  note: z.string(),
  createdAt: z.string(),
  removedAt: z.string().nullable(),
  /** The published versions that show it. */
  usedBy: z.array(z.string()),
});
export type TExample = z.infer<typeof ZExample>;

export const ZExampleList = z.object({ judge: z.string(), criterion: z.string(), mode: z.enum(["single", "pairwise"]), examples: z.array(ZExample) });
export type TExampleList = z.infer<typeof ZExampleList>;
export const ZExamplesAdded = z.object({ added: z.array(ZExample) });
export const ZExampleRemoved = z.object({ id: z.string(), removedAt: z.string() });
