import { z } from "zod";
import { SCOPES } from "@/lib/auth/scopes";

export const ZProjectSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "Use at least 2 characters")
  .max(48)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single dashes");

export const ZProjectCreate = z.object({
  name: z.string().trim().min(1, "Enter a name").max(100),
  slug: ZProjectSlug,
});
export type TProjectCreate = z.infer<typeof ZProjectCreate>;

export const ZProjectUpdate = z
  .object({ name: z.string().trim().min(1).max(100).optional(), archived: z.boolean().optional() })
  .refine((v) => v.name !== undefined || v.archived !== undefined, "Give a name or archived");
export type TProjectUpdate = z.infer<typeof ZProjectUpdate>;

/** Who am I: the project a key belongs to, and what the key may do there. */
export const ZProjectAnswer = z.strictObject({
  project: z.strictObject({ id: z.uuid(), slug: z.string(), name: z.string() }),
  scopes: z.array(z.enum(SCOPES)).describe("Sorted"),
});
export type TProjectAnswer = z.infer<typeof ZProjectAnswer>;

export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize("NFKD")
    // Accents come apart as combining marks under NFKD: drop them so "Crème" reads "creme".
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 48)
    .replace(/^-+|-+$/g, "");
  return slug.length >= 2 ? slug : `project-${slug}`.replace(/-$/, "");
}

const ZThreshold = z.number().gt(0).lte(1);

/** Krippendorff's α thresholds: reliable at or above `reliable`, tentative at or above `tentative`. */
export const ZAgreementThresholds = z.strictObject({
  tentative: ZThreshold.describe("α at or above this allows tentative conclusions (default 0.667)"),
  reliable: ZThreshold.describe("α at or above this is reliable (default 0.800)"),
});
export type TAgreementThresholds = z.infer<typeof ZAgreementThresholds>;

export const ZAgreementThresholdsUpdate = z
  .object({ tentative: ZThreshold.optional(), reliable: ZThreshold.optional() })
  .refine((v) => v.tentative !== undefined || v.reliable !== undefined, "Give tentative, reliable or both")
  .refine((v) => v.tentative === undefined || v.reliable === undefined || v.tentative <= v.reliable, {
    message: "tentative cannot be above reliable",
    path: ["tentative"],
  });
export type TAgreementThresholdsUpdate = z.infer<typeof ZAgreementThresholdsUpdate>;
