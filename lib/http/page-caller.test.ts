import { describe, expect, it } from "vitest";
import type { ProjectContext, UserActor } from "@/lib/auth/context";
import { scopesForRole } from "@/lib/auth/scopes";
import type { Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { type CallerSources, type PageSession, PageRefused, type RequestCache, pageCallers } from "./page-caller";

const ALICE: UserActor = { kind: "user", userId: "u-1", email: "alice@example.com", name: "Alice", isInstanceAdmin: false };

/** A request scope as React's `cache` keeps one: every call with the same arguments answers the first result. */
function requestScope(): RequestCache {
  return <A extends unknown[], R>(fn: (...args: A) => R) => {
    const seen = new Map<string, R>();
    return (...args: A) => {
      const key = JSON.stringify(args);
      if (!seen.has(key)) seen.set(key, fn(...args));
      return seen.get(key)!;
    };
  };
}

/** Sources that count their reads; `roles` holds Alice's memberships by project slug. */
function sources(roles: Record<string, Role>, session: PageSession | null = { userId: ALICE.userId, signedInAt: 1 }) {
  const reads = { session: 0, user: 0, member: 0 };
  const src: CallerSources = {
    session: async () => (reads.session++, session),
    user: async (s) => {
      reads.user++;
      if (!s?.userId) throw new AppError("unauthenticated", "Sign in");
      return ALICE;
    },
    member: async (s, slug) => {
      reads.member++;
      if (!s?.userId) throw new AppError("unauthenticated", "Sign in");
      const role = roles[slug];
      const project: ProjectContext | null = role ? { actor: ALICE, project: { id: `p-${slug}`, slug, name: slug }, role, scopes: scopesForRole(role) } : null;
      return { actor: ALICE, project };
    },
  };
  return { src, reads };
}

describe("pageCallers", () => {
  it("reads the session and the membership once for the layout and the page of one request", async () => {
    const { src, reads } = sources({ demo: "ENGINEER" });
    const callers = pageCallers(src, requestScope());
    const [layout, page] = await Promise.all([callers.member("demo"), callers.member("demo")]);
    await callers.user();
    expect(layout?.project.slug).toBe("demo");
    expect(page).toBe(layout);
    expect(reads).toEqual({ session: 1, user: 1, member: 1 });
  });

  it("resolves the caller afresh in the next request", async () => {
    const { src, reads } = sources({ demo: "ENGINEER" });
    await pageCallers(src, requestScope()).member("demo");
    await pageCallers(src, requestScope()).member("demo");
    expect(reads.member).toBe(2);
  });

  it("answers null for a project that is not the caller's, and refuses a request without a session", async () => {
    const { src } = sources({ demo: "ENGINEER" });
    expect(await pageCallers(src, requestScope()).member("elsewhere")).toBeNull();
    const anonymous = sources({ demo: "ENGINEER" }, null);
    await expect(pageCallers(anonymous.src, requestScope()).member("demo")).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(pageCallers(anonymous.src, requestScope()).user()).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("lets a role through what it holds and refuses the rest, naming what is missing", async () => {
    const { src } = sources({ demo: "EXPERT", team: "ADMIN" });
    const callers = pageCallers(src, requestScope());
    const expert = (await callers.member("demo"))!;
    expect(expert.can("queues:label")).toBe(true);
    expect(() => expert.require("queues:label", "labeling")).not.toThrow();
    expect(() => expert.require("rubrics:read", "rubrics")).toThrow(PageRefused);
    expect(() => expert.require("rubrics:read", "rubrics")).toThrow(expect.objectContaining({ what: "rubrics" }));
    const admin = (await callers.member("team"))!;
    expect(admin.can("queues:manage")).toBe(true);
    expect(() => admin.require("apikeys:manage", "API keys")).not.toThrow();
    expect(() => admin.refuse("anything")).toThrow(PageRefused);
  });
});
