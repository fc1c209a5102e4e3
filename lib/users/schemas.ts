import { z } from "zod";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";

export const ZEmail = z
  .email("Enter a valid email address")
  .max(254)
  .transform((e) => e.trim().toLowerCase());

export const ZPassword = z.string().min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`).max(200, "Use at most 200 characters");

export const ZName = z.string().trim().min(1, "Enter a name").max(100);

export const ZSignUp = z.object({ email: ZEmail, name: ZName, password: ZPassword });
export type TSignUp = z.infer<typeof ZSignUp>;

export const ZUserUpdate = z.object({ deactivated: z.boolean() });
export type TUserUpdate = z.infer<typeof ZUserUpdate>;
