import { z } from "zod";
import { AUDIT_ACTION_NAMES } from "./catalog";

const uuid = z.string().uuid();

/** Filters of the audit log reader; every one optional, newest first. */
export const ZAuditQuery = z.object({
  /** One action, or every action of a family with a trailing `.*` (e.g. `queue.*`). */
  action: z
    .string()
    .max(100)
    .refine(
      (a) => (AUDIT_ACTION_NAMES as string[]).includes(a) || (a.endsWith(".*") && AUDIT_ACTION_NAMES.some((n) => n.startsWith(a.slice(0, -1)))),
      "Not an action of the audit catalog",
    )
    .optional(),
  /** The user who acted. */
  actor: uuid.optional(),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(200).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;
