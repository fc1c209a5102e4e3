import { readdirSync } from "node:fs";
import path from "node:path";
import { type BrowserContextOptions, type Page, expect, test } from "@playwright/test";
import { BASE_URL } from "./base-url";
import { DEMO, uniqueEmail } from "./fixtures";
import { MEMBER_PASSWORD, type Workspace, json, newWorkspace, signedIn, tokenOf } from "./workspace";

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
const ROLES = ["admin", "engineer", "expert", "viewer"] as const;
type RoleName = (typeof ROLES)[number];

/**
 * The value each dynamic segment takes, in a project of this spec's own: opening the labeling
 * page claims items, and every other spec's queues and members stay out of it.
 */
async function ownValues(ws: Workspace): Promise<Record<string, string>> {
  const admin = await signedIn(DEMO.admin);
  const rubrics = await json<{ id: string }[]>(admin, "GET", `/api/projects/${ws.slug}/rubrics`);
  const detail = await json<{ versions: { id: string; status: string }[] }>(admin, "GET", `/api/projects/${ws.slug}/rubrics/${rubrics[0].id}`);
  const pending = await json<{ url: string }>(admin, "POST", `/api/projects/${ws.slug}/invitations`, { email: uniqueEmail("invitee"), role: "EXPERT" });
  const members = await json<{ id: string; user: { email: string } }[]>(admin, "GET", `/api/projects/${ws.slug}/members`);
  const reset = await json<{ url: string }>(
    admin,
    "POST",
    `/api/projects/${ws.slug}/members/${members.find((m) => m.user.email === ws.members.VIEWER.email)!.id}/reset-link`,
  );
  const dataset = await json<{ id: string }>(admin, "POST", `/api/projects/${ws.slug}/datasets`, { name: "pages" });
  const judge = await json<{ name: string }>(admin, "POST", `/api/projects/${ws.slug}/judges`, { name: "pages" });
  await admin.dispose();
  return {
    project: ws.slug,
    traceRef: ws.traces[0],
    rubricId: rubrics[0].id,
    versionId: detail.versions.find((v) => v.status === "PUBLISHED")!.id,
    queueId: ws.queue!.id,
    datasetId: dataset.id,
    name: judge.name,
    // The judge has never run: a run page answers Not found.
    runId: crypto.randomUUID(),
    // The queue has no labels, so no item is disputed: the settle page answers Not found.
    itemId: crypto.randomUUID(),
    inviteToken: tokenOf(pending.url),
    resetToken: tokenOf(reset.url),
  };
}

function fill(pattern: string, values: Record<string, string>): string {
  // Both token pages take a "token": each gets the link it expects.
  const named = pattern.startsWith("/invite/")
    ? { ...values, token: values.inviteToken }
    : pattern.startsWith("/reset/")
      ? { ...values, token: values.resetToken }
      : values;
  return pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    if (!named[name]) throw new Error(`No value for the segment [${name}] of ${pattern}: add one to ownValues`);
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

let values: Record<string, string>;
// Each role signs in once (over HTTP); every page then opens in a fresh context with its cookies.
const sessions = {} as Record<RoleName, BrowserContextOptions["storageState"]>;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const ws = await newWorkspace("pages", { traces: 3, queue: true });
  values = await ownValues(ws);
  const accounts: Record<RoleName, [string, string | undefined]> = {
    admin: [DEMO.admin, undefined],
    engineer: [ws.members.ENGINEER.email, MEMBER_PASSWORD],
    expert: [ws.members.EXPERT.email, MEMBER_PASSWORD],
    viewer: [ws.members.VIEWER.email, MEMBER_PASSWORD],
  };
  for (const role of ROLES) {
    const request = await signedIn(...accounts[role]);
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
      const response = await page.goto(fill(pattern, values), { waitUntil: "networkidle" });
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
  await page.goto(`/p/${values.project}`);
  const nav = page.getByRole("navigation", { name: "Project" });
  await expect(nav.getByRole("link", { name: "Queues" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Rubrics" })).toHaveCount(0);
  const rubricPages = PATTERNS.filter((p) => p.includes("/rubrics"));
  expect(rubricPages.length).toBeGreaterThan(3);
  for (const pattern of rubricPages) {
    await page.goto(fill(pattern, values));
    await expect(page.getByRole("heading", { name: /^(Not found|Not available to your role)$/ }), pattern).toBeVisible();
  }
  await context.close();
});
