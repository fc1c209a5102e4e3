import { z } from "zod";
import { ZTime } from "@/lib/traces/answers";

// What gold reads answer: the settled value with who settled it, why, among which labels, and
// whether those labels changed since.

const ZId = z.uuid();

export const ZGold = z.strictObject({
  id: ZId,
  itemId: ZId,
  side: z.enum(["A", "B"]).nullable(),
  criterionId: ZId,
  criterionKey: z.string(),
  kind: z.enum(["ADJUDICATED", "REFERENCE"]),
  value: z.unknown().describe("Typed by the criterion, as labels are"),
  reason: z.string().nullable(),
  author: z.strictObject({ kind: z.enum(["user", "apiKey"]), id: ZId }),
  candidateLabelIds: z.array(ZId).describe("The raters' labels it was chosen among"),
  revision: z.number().int(),
  createdAt: ZTime,
  needsReview: z.boolean().describe("A label it was chosen among has been revised since"),
});
export type TGold = z.infer<typeof ZGold>;

export const ZReferenceGoldAnswer = z.strictObject({ gold: z.array(ZGold) });
