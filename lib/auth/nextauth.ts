import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { sessionCookieIsSecure } from "@/lib/http/session-cookie";
import { acceptInvitationsForExternalSignIn } from "@/lib/members/service";
import { authenticatePassword } from "@/lib/users/service";
import { SIGN_IN_REFUSED } from "./sign-in-errors";
import { signedInAtOf } from "./session-token";

// next-auth configuration. The session is a signed JWT carrying only the user id; every
// request re-reads the user and membership from the database (lib/auth/context.ts), so
// deactivation and role changes apply at once.

function providers(): NextAuthOptions["providers"] {
  const e = env();
  const list: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        if (!credentials?.email || !credentials.password) return null;
        return authenticatePassword(db(), credentials.email, credentials.password);
      },
    }),
  ];
  if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET) {
    list.push({
      id: "oidc",
      name: e.OIDC_NAME,
      type: "oauth",
      wellKnown: `${e.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.email ?? null };
      },
    });
  }
  if (e.GITHUB_CLIENT_ID && e.GITHUB_CLIENT_SECRET) {
    list.push(GitHubProvider({ clientId: e.GITHUB_CLIENT_ID, clientSecret: e.GITHUB_CLIENT_SECRET }));
  }
  return list;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
    useSecureCookies: sessionCookieIsSecure(),
    pages: { signIn: "/signin", error: "/signin" },
    providers: providers(),
    callbacks: {
      // External sign-in joins only through an invitation for that email (or an existing account).
      async signIn({ user, account }) {
        if (!account || account.provider === "credentials") return true;
        if (!user.email) return `/signin?error=${SIGN_IN_REFUSED.no_email}`;
        const joined = await acceptInvitationsForExternalSignIn(db(), user.email.toLowerCase(), user.name ?? "");
        // The sign-in page names the reason (lib/auth/sign-in-errors.ts).
        return "refused" in joined ? `/signin?error=${SIGN_IN_REFUSED[joined.refused]}` : true;
      },
      async jwt({ token, user, account }) {
        // Set once per sign-in and carried through refreshes: ending sessions compares against it.
        token.signedInAt = user && account ? Date.now() : signedInAtOf(token);
        if (user && account) {
          if (account.provider === "credentials") {
            token.sub = user.id;
          } else if (user.email) {
            const local = await db().user.findUnique({ where: { email: user.email.toLowerCase() }, select: { id: true } });
            token.sub = local?.id;
          }
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, userId: token.sub, signedInAt: signedInAtOf(token) };
      },
    },
  };
}

export function externalProviders(): { id: string; name: string }[] {
  return providers()
    .filter((p) => p.id !== "credentials")
    .map((p) => ({ id: p.id, name: p.name }));
}
