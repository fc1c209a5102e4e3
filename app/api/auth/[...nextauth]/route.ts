import NextAuth from "next-auth";
import { authOptions } from "../../../../lib/auth/nextauth";

// next-auth's own endpoints (sign-in, callback, csrf, sign-out); CSRF is next-auth's own.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(req, ctx);
}

export { handler as GET, handler as POST };
