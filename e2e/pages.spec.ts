import { readdirSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, type BrowserContextOptions, type Page, expect, request as newRequest, test } from "@playwright/test";
import { BASE_URL } from "./base-url";
import { DEMO, signIn, uniqueEmail } from "./fixtures";

// Opens every page of the app as every role and fails on any console error or page error: a
// page that does not hydrate, or a role that meets a crash instead of a clean refusal. The
// pages are read from app/, so a new page is covered without anyone remembering to.

/** Every page.tsx under app/ as a route pattern: route groups dropped, dynamic segments kept. */
function pagePatterns(dir: string, segments: string[] = []): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      const group = /^\(.+\)$/.test(entry.name);
      found.push(...pagePatterns(path.join(dir, entry.name), group ? segments : [...segments, entry.name]));
    } else if (entry.name === "page.tsx") {
      found.push(`/${segments.join("/")}`);
    }
  }
  return found;
}

const PATTERNS = pagePatterns(path.resolve("app")).sort();
const VIEWER_PASSWORD = "a-long-enough-password";
const ROLES = ["admin", "engineer", "expert", "viewer"] as const;
type RoleName = (typeof ROLES)[number];

const H = { origin: BASE_URL };

async function json<T>(request: APIRequestContext, method: string, url: string, data?: unknown): Promise<T> {
  const response = await request.fetch(url, { method, data, headers: H });
  expect(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

/** The value each dynamic segment takes, read from the demo (and a viewer made for the test). */
async function demoValues(admin: APIRequestContext): Promise<{ values: Record<string, string>; viewer: string }> {
  const rubrics = await json<{ id: string; slug: string }[]>(admin, "GET", "/api/projects/demo/rubrics");
  const rubric = rubrics.find((r) => r.slug === "support-quality")!;
  const detail = await json<{ versions: { id: string; status: string }[] }>(admin, "GET", `/api/projects/demo/rubrics/${rubric.id}`);
  const { queues } = await json<{ queues: { id: string; name: string }[] }>(admin, "GET", "/api/projects/demo/queues");
  // The demo has no viewer: one joins through an invitation, as a person would.
  const viewer = uniqueEmail("viewer");
  const joined = await json<{ url: string }>(admin, "POST", "/api/projects/demo/invitations", { email: viewer, role: "VIEWER" });
  await json(admin, "POST", "/api/invitations/accept", { token: tokenOf(joined.url), name: "Vera Viewer", password: VIEWER_PASSWORD });
  const pending = await json<{ url: string }>(admin, "POST", "/api/projects/demo/invitations", { email: uniqueEmail("invitee"), role: "EXPERT" });
  const members = await json<{ id: string; user: { email: string } }[]>(admin, "GET", "/api/projects/demo/members");
  const reset = await json<{ url: string }>(admin, "POST", `/api/projects/demo/members/${members.find((m) => m.user.email === viewer)!.id}/reset-link`);
  const values = {
    project: "demo",
    traceRef: "demo-001",
    rubricId: rubric.id,
    versionId: detail.versions.find((v) => v.status === "PUBLISHED")!.id,
    queueId: queues.find((q) => q.name.startsWith("Weekly review"))!.id,
  };
  return { values: { ...values, inviteToken: tokenOf(pending.url), resetToken: tokenOf(reset.url) }, viewer };
}

function tokenOf(url: string): string {
  return new URL(url).pathname.split("/").at(-1)!;
}

function fill(pattern: string, values: Record<string, string>): string {
  // Both token pages take a "token": each gets the link it expects.
  const named = pattern.startsWith("/invite/") ? { ...values, token: values.inviteToken } : pattern.startsWith("/reset/") ? { ...values, token: values.resetToken } : values;
  return pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    if (!named[name]) throw new Error(`No demo value for the segment [${name}] of ${pattern}: add one to demoValues`);
    return encodeURIComponent(named[name]);
  });
}

/** Console errors and uncaught exceptions while the page loads; the document's own 404 is the answer, not an error. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (/status of 404/.test(message.text()) && message.location().url === page.url()) return;
    errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  return errors;
}

let demo: { values: Record<string, string>; viewer: string };
// Each role signs in once (over HTTP); every page then opens in a fresh context with its cookies.
const sessions = {} as Record<RoleName, BrowserContextOptions["storageState"]>;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const admin = await newRequest.newContext({ baseURL: BASE_URL });
  await signIn(admin, DEMO.admin);
  demo = await demoValues(admin);
  await admin.dispose();
  for (const role of ROLES) {
    const request = await newRequest.newContext({ baseURL: BASE_URL });
    await signIn(request, role === "viewer" ? demo.viewer : DEMO[role], role === "viewer" ? VIEWER_PASSWORD : undefined);
    sessions[role] = await request.storageState();
    await request.dispose();
  }
});

test("finds the pages in app/", () => {
  expect(PATTERNS).toContain("/p/[project]/rubrics/[rubricId]/versions/[versionId]");
  expect(PATTERNS).toContain("/p/[project]/traces");
  expect(PATTERNS.length).toBeGreaterThan(15);
});

for (const role of ROLES) {
  for (const pattern of PATTERNS) {
    test(`${role} opens ${pattern} without errors`, async ({ browser }) => {
      const context = await browser.newContext({ baseURL: BASE_URL, storageState: sessions[role] });
      const page = await context.newPage();
      const errors = collectErrors(page);
      const response = await page.goto(fill(pattern, demo.values), { waitUntil: "networkidle" });
      const status = response!.status();
      expect([200, 404], `status ${status}`).toContain(status);
      await expect(page.getByRole("heading").first()).toBeVisible();
      if (status === 404) await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
      expect(errors).toEqual([]);
      await context.close();
    });
  }
}

test("an expert meets a refusal on every rubric page, and no Rubrics link", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: BASE_URL, storageState: sessions.expert });
  const page = await context.newPage();
  await page.goto("/p/demo");
  const nav = page.getByRole("navigation", { name: "Project" });
  await expect(nav.getByRole("link", { name: "Queues" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Rubrics" })).toHaveCount(0);
  const rubricPages = PATTERNS.filter((p) => p.includes("/rubrics"));
  expect(rubricPages.length).toBeGreaterThan(3);
  for (const pattern of rubricPages) {
    await page.goto(fill(pattern, demo.values));
    await expect(page.getByRole("heading", { name: /^(Not found|Not available to your role)$/ }), pattern).toBeVisible();
  }
  await context.close();
});
