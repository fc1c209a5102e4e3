import { env } from "@/lib/env";

export function invitationUrl(token: string): string {
  return new URL(`/invite/${token}`, env().NEXTAUTH_URL).toString();
}

export function resetUrl(token: string): string {
  return new URL(`/reset/${token}`, env().NEXTAUTH_URL).toString();
}
