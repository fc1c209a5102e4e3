import { type APIRequestContext, expect, request as newRequest } from "@playwright/test";
import { BASE_URL } from "./base-url";
import { DEMO, signIn, uniqueEmail } from "./fixtures";

// A project of a test's own, made over the API: its traces, its members (one fresh user per
// role) and, when asked, a queue. Playwright runs specs in parallel against one database, so
// a test that counts, claims or lists in a project nobody else touches cannot be upset by them.

export const MEMBER_PASSWORD = "a-long-enough-password";

type Role = "ENGINEER" | "EXPERT" | "VIEWER";

export interface Member {
  email: string;
  userId: string;
}

export interface Workspace {
  slug: string;
  name: string;
  /** The instance admin who made the project: its first ADMIN. */
  admin: string;
  members: Record<Role, Member>;
  /** External ids of the traces ingested, oldest first. */
  traces: string[];
  /** The queue the EXPERT and the ENGINEER are assigned to, when one was asked for. */
  queue: { id: string; name: string } | null;
}

const H = { origin: BASE_URL };

export function stamp(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export async function json<T>(request: APIRequestContext, method: string, url: string, data?: unknown, headers: Record<string, string> = H): Promise<T> {
  const response = await request.fetch(url, { method, data, headers });
  expect(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

export function tokenOf(url: string): string {
  return new URL(url).pathname.split("/").at(-1)!;
}

/** A signed-in request context of its own (the caller disposes of it). */
export async function signedIn(email: string, password?: string): Promise<APIRequestContext> {
  const request = await newRequest.newContext({ baseURL: BASE_URL });
  await signIn(request, email, password);
  return request;
}

/** Invites `email` into `slug` as `role` and accepts from a context of its own, as the invitee would. */
export async function join(admin: APIRequestContext, slug: string, role: Role, email = uniqueEmail(role.toLowerCase())): Promise<string> {
  const { url } = await json<{ url: string }>(admin, "POST", `/api/projects/${slug}/invitations`, { email, role });
  const invitee = await newRequest.newContext({ baseURL: BASE_URL });
  await json(invitee, "POST", "/api/invitations/accept", {
    token: tokenOf(url),
    name: `${role[0]}${role.slice(1).toLowerCase()} ${stamp()}`,
    password: MEMBER_PASSWORD,
  });
  await invitee.dispose();
  return email;
}

/** A fresh project with `traces` traces, one new member per role and optionally a queue. */
export async function newWorkspace(prefix: string, options: { traces?: number; queue?: boolean; overlap?: number } = {}): Promise<Workspace> {
  const admin = await signedIn(DEMO.admin);
  try {
    const slug = `${prefix}-${stamp()}`;
    const name = `${prefix[0].toUpperCase()}${prefix.slice(1)} ${slug.slice(prefix.length + 1)}`;
    await json(admin, "POST", "/api/projects", { name, slug });

    const traces = Array.from({ length: options.traces ?? 3 }, (_, i) => `${slug}-${String(i + 1).padStart(3, "0")}`);
    if (traces.length) {
      const { secret } = await json<{ secret: string }>(admin, "POST", `/api/projects/${slug}/api-keys`, { name: "e2e", scope: "FULL" });
      const start = Date.now() - traces.length * 60_000;
      const batch = traces.map((id, i) => ({
        id,
        name: "answer",
        input: `Question ${i + 1}`,
        output: `Answer ${i + 1}`,
        startTime: new Date(start + i * 60_000).toISOString(),
      }));
      const ingested = await admin.post("/api/v1/traces", { data: { traces: batch }, headers: { authorization: `Bearer ${secret}` } });
      expect(ingested.status(), await ingested.text()).toBe(207);
    }

    const emails = { ENGINEER: await join(admin, slug, "ENGINEER"), EXPERT: await join(admin, slug, "EXPERT"), VIEWER: await join(admin, slug, "VIEWER") };
    const list = await json<{ user: { id: string; email: string } }[]>(admin, "GET", `/api/projects/${slug}/members`);
    const member = (email: string): Member => ({ email, userId: list.find((m) => m.user.email === email)!.user.id });
    const members = { ENGINEER: member(emails.ENGINEER), EXPERT: member(emails.EXPERT), VIEWER: member(emails.VIEWER) };

    const queue = options.queue ? await newQueue(admin, slug, [members.ENGINEER.userId, members.EXPERT.userId], options.overlap) : null;
    return { slug, name, admin: DEMO.admin, members, traces, queue };
  } finally {
    await admin.dispose();
  }
}

/** A published rubric (the RAG template) and a queue of every trace of the project for `raters`. */
async function newQueue(admin: APIRequestContext, slug: string, raters: string[], overlap = 1): Promise<{ id: string; name: string }> {
  const rubric = await json<{ id: string }>(admin, "POST", `/api/projects/${slug}/rubrics`, {
    slug: `rag-${stamp()}`,
    name: `RAG ${stamp()}`,
    template: "rag",
  });
  await json(admin, "POST", `/api/projects/${slug}/rubrics/${rubric.id}/publish`, { changeNote: "For the test" });
  const { versions } = await json<{ versions: { id: string; status: string }[] }>(admin, "GET", `/api/projects/${slug}/rubrics/${rubric.id}`);
  const name = `Review ${stamp()}`;
  const rubricVersionId = versions.find((v) => v.status === "PUBLISHED")!.id;
  const queue = await json<{ id: string }>(admin, "POST", `/api/projects/${slug}/queues`, {
    name,
    rubricVersionId,
    mode: "SINGLE",
    overlap,
    blind: false,
    memberUserIds: raters,
  });
  const { items } = await json<{ items: { id: string }[] }>(admin, "GET", `/api/projects/${slug}/traces?limit=200`);
  await json(admin, "POST", `/api/projects/${slug}/queues/${queue.id}/items`, { traceIds: items.map((t) => t.id) });
  return { id: queue.id, name };
}
