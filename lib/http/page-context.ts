import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { type ProjectContext, type UserActor, projectContextForUser, userActor } from "../auth/context";
import { authOptions } from "../auth/nextauth";
import { db, pool } from "../db/client";
import { AppError } from "../errors";

// Pages resolve their caller through the same functions as route handlers.

/** What lib/auth/nextauth.ts puts in the session. */
interface PageSession {
  userId?: string;
  signedInAt?: number;
}

export async function pageUser(): Promise<UserActor> {
  const session = (await getServerSession(authOptions())) as PageSession | null;
  try {
    return await userActor(db(), session?.userId, session?.signedInAt);
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthenticated") redirect("/signin");
    throw error;
  }
}

export async function optionalPageUser(): Promise<UserActor | null> {
  const session = (await getServerSession(authOptions())) as PageSession | null;
  if (!session?.userId) return null;
  return userActor(db(), session.userId, session.signedInAt).catch(() => null);
}

export async function pageProject(slug: string): Promise<ProjectContext> {
  const actor = await pageUser();
  try {
    return await projectContextForUser(pool(), actor, slug);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
