import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { type UserActor, sessionProjectContext, userActor } from "@/lib/auth/context";
import { authOptions } from "@/lib/auth/nextauth";
import { db, pool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { type PageSession, type ProjectPage, pageCallers } from "./page-caller";

export { PageRefused, type ProjectPage } from "./page-caller";

// Pages resolve their caller through the same functions as route handlers, once per request
// (React's `cache`): the project layout and its page share one session read and one query.
// A session ended by a password reset, a deactivation or "sign out everywhere" is refused here.

const callers = pageCallers(
  {
    session: async () => (await getServerSession(authOptions())) as PageSession | null,
    user: (session) => userActor(db(), session?.userId, session?.signedInAt),
    member: (session, slug) => sessionProjectContext(pool(), session?.userId, slug, session?.signedInAt),
  },
  cache,
);

function toSignIn(error: unknown): never {
  if (error instanceof AppError && error.code === "unauthenticated") redirect("/signin");
  throw error;
}

/** The signed-in user; anyone else is sent to sign in. */
export async function pageUser(): Promise<UserActor> {
  return callers.user().catch(toSignIn);
}

/** The signed-in user, or null for anyone else (pages open to both). */
export async function optionalPageUser(): Promise<UserActor | null> {
  return callers.user().catch(() => null);
}

/**
 * The caller of a page under `/p/[project]`: anonymous or ended sessions go to sign in, and a
 * missing, archived or foreign project is the 404 page. Role checks are `page.require(…)`.
 */
export async function pageContext(slug: string): Promise<ProjectPage> {
  const page = await callers.member(slug).catch(toSignIn);
  if (!page) notFound();
  return page;
}
