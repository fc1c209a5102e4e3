import { env } from "@/lib/env";

/** Session cookies are `Secure` (and `__Secure-` prefixed) whenever the instance is served over https. */
export function sessionCookieIsSecure(): boolean {
  return env().NEXTAUTH_URL.startsWith("https://");
}
