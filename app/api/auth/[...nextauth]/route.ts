import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/nextauth";
import { throttleCredentialsSignIn } from "@/lib/http/credentials-throttle";

// next-auth's own endpoints (sign-in, callback, csrf, sign-out); CSRF is next-auth's own.
// Password sign-in is throttled in front of it (lib/auth/sign-in-policy.ts).
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(req, ctx);
}

const POST = throttleCredentialsSignIn(handler);

export { handler as GET, POST };
