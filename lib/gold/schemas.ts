import { z } from "zod";
import { ZLabelValue } from "@/lib/queues/schemas";

// What adjudication and reference gold send. The value is checked against the criterion by
// the rubric module (`validateScoreValue`), as every label is.

const ZSide = z.enum(["A", "B"]).describe("Pairwise items: the side a per-side criterion's gold is for (absent for a preference)");
const ZCriterionKey = z.string().min(1).max(100).describe("The criterion's key in the queue's rubric version");
const ZReason = z.string().trim().min(1).max(5000);

export const ZAdjudicate = z
  .object({
    itemId: z.uuid(),
    criterion: ZCriterionKey,
    side: ZSide.optional(),
    labelId: z.uuid().optional().describe("Pick one rater's current label: its value becomes the gold"),
    value: ZLabelValue.optional().describe("Or enter a value; a reason is then required when it matches no rater's value"),
    reason: ZReason.optional(),
  })
  .refine((v) => (v.labelId === undefined) !== (v.value === undefined || v.value === null), {
    message: "Give exactly one of labelId or value",
    path: ["labelId"],
  });
export type TAdjudicate = z.infer<typeof ZAdjudicate>;

export const ZReferenceGold = z.object({
  gold: z
    .array(
      z.object({
        itemId: z.uuid(),
        criterion: ZCriterionKey,
        side: ZSide.optional(),
        value: ZLabelValue.refine((v) => v !== null, "A value is required"),
        reason: ZReason.optional().describe("Where the reference comes from"),
      }),
    )
    .min(1)
    .max(1000),
});
export type TReferenceGold = z.infer<typeof ZReferenceGold>;
