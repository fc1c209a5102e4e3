import { z } from "zod";
import { ZEmail, ZName, ZPassword } from "@/lib/users/schemas";

export const ZRole = z.enum(["ADMIN", "ENGINEER", "EXPERT", "VIEWER"]);

export const ZInvitationCreate = z.object({
  email: ZEmail,
  role: ZRole,
  /** Days until the link expires. */
  expiresInDays: z.number().int().min(1).max(30).default(7),
});
export type TInvitationCreate = z.infer<typeof ZInvitationCreate>;

export const ZMemberUpdate = z
  .object({ role: ZRole.optional(), deactivated: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.deactivated !== undefined, "Give a role or deactivated");
export type TMemberUpdate = z.infer<typeof ZMemberUpdate>;

export const ZInvitationAccept = z.object({
  token: z.string().min(10).max(200),
  name: ZName.optional(),
  password: ZPassword.optional(),
});
export type TInvitationAccept = z.infer<typeof ZInvitationAccept>;
