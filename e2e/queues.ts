import { type APIRequestContext, expect } from "@playwright/test";
import { BASE_URL } from "./base-url";

// Each labeling test builds its own queue over the demo traces (as engineer@demo.test), so
// tests never share claimable work with each other or with the demo queue.

const H = { origin: BASE_URL };

async function json<T>(request: APIRequestContext, method: string, url: string, data?: unknown): Promise<T> {
  const response = await request.fetch(url, { method, data, headers: H });
  expect(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

export async function demoTraceIds(engineer: APIRequestContext): Promise<string[]> {
  const page = await json<{ items: { id: string }[] }>(engineer, "GET", "/api/projects/demo/traces?limit=50");
  return page.items.map((t) => t.id);
}

export async function userIds(engineer: APIRequestContext, emails: string[]): Promise<string[]> {
  const body = await json<unknown>(engineer, "GET", "/api/projects/demo/members");
  const list = (Array.isArray(body) ? body : (body as { members: unknown[] }).members) as { user: { id: string; email: string } }[];
  return emails.map((e) => list.find((m) => m.user.email === e)!.user.id);
}

export async function publishedRubricVersion(engineer: APIRequestContext): Promise<string> {
  const body = await json<unknown>(engineer, "GET", "/api/projects/demo/rubrics");
  const list = (Array.isArray(body) ? body : (body as { rubrics: unknown[] }).rubrics) as { id: string; name: string; latestVersion: number | null }[];
  const rubric = list.find((r) => r.latestVersion !== null && /support/i.test(r.name)) ?? list.find((r) => r.latestVersion !== null)!;
  const detail = await json<{ versions: { id: string; status: string }[] }>(engineer, "GET", `/api/projects/demo/rubrics/${rubric.id}`);
  return detail.versions.find((v) => v.status === "PUBLISHED")!.id;
}

function shuffled<T>(xs: T[]): T[] {
  return [...xs].sort(() => Math.random() - 0.5);
}

/** A fresh queue on random demo traces; returns its id. */
export async function createQueue(
  engineer: APIRequestContext,
  opts: { raters: string[]; items: number; mode?: "SINGLE" | "PAIRWISE"; overlap?: number; blind?: boolean },
): Promise<string> {
  const [traces, memberUserIds, rubricVersionId] = await Promise.all([
    demoTraceIds(engineer),
    userIds(engineer, opts.raters),
    publishedRubricVersion(engineer),
  ]);
  const queue = await json<{ id: string }>(engineer, "POST", "/api/projects/demo/queues", {
    name: `e2e ${opts.mode ?? "SINGLE"} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`,
    rubricVersionId,
    mode: opts.mode ?? "SINGLE",
    overlap: opts.overlap ?? 1,
    blind: opts.blind ?? false,
    memberUserIds,
  });
  const picked = shuffled(traces);
  const body =
    opts.mode === "PAIRWISE"
      ? { pairs: Array.from({ length: opts.items }, (_, i) => ({ a: picked[2 * i], b: picked[2 * i + 1] })) }
      : { traceIds: picked.slice(0, opts.items) };
  await json(engineer, "POST", `/api/projects/demo/queues/${queue.id}/items`, body);
  return queue.id;
}
