import type { ProjectContext, UserActor } from "@/lib/auth/context";
import { type Scope, can } from "@/lib/auth/scopes";

// Who is looking at a page, resolved once per request however many server components ask:
// the project layout and the page both need the caller, and each used to read the session
// and the membership again. The request scope is whatever `cache` is given (React's `cache`
// in a render), so this module stays free of Next.js and can be tested with a plain memo.

/** What lib/auth/nextauth.ts puts in the session. */
export interface PageSession {
  userId?: string;
  signedInAt?: number;
}

/** Where the caller comes from; the real ones read the session cookie and the database. */
export interface CallerSources {
  session(): Promise<PageSession | null>;
  /** Throws `unauthenticated` for no session, a deactivated user, or a session ended since. */
  user(session: PageSession | null): Promise<UserActor>;
  /** The same refusals as `user`; `project` is null for a missing, archived or foreign project. */
  member(session: PageSession | null, slug: string): Promise<{ actor: UserActor; project: ProjectContext | null }>;
}

/** Memoizes a function for the current request (React's `cache` in a server render). */
export type RequestCache = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => R;

/** Thrown by `refuse`: the page shows "Not available to your role" instead of its content. */
export class PageRefused extends Error {
  constructor(readonly what: string) {
    super(`Not available to this role: ${what}`);
    this.name = "PageRefused";
  }
}

/** A project page's caller: the context services take, plus the role checks pages make. */
export interface ProjectPage extends ProjectContext {
  actor: UserActor;
  can(scope: Scope): boolean;
  /** Refuses the page (naming `what` the role lacks) unless the caller holds `scope`. */
  require(scope: Scope, what: string): void;
  refuse(what: string): never;
}

export function projectPage(ctx: ProjectContext & { actor: UserActor }): ProjectPage {
  const refuse = (what: string): never => {
    throw new PageRefused(what);
  };
  return {
    ...ctx,
    can: (scope) => can(ctx, scope),
    require: (scope, what) => {
      if (!can(ctx, scope)) refuse(what);
    },
    refuse,
  };
}

/**
 * The session, the signed-in user and each project's membership, each read at most once per
 * request scope. `member` is null when the project is missing or not the caller's.
 */
export function pageCallers(sources: CallerSources, cache: RequestCache) {
  const session = cache(() => sources.session());
  return {
    user: cache(async () => sources.user(await session())),
    member: cache(async (slug: string): Promise<ProjectPage | null> => {
      const { actor, project } = await sources.member(await session(), slug);
      return project ? projectPage({ ...project, actor }) : null;
    }),
  };
}
