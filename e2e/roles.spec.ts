import { expect, test } from "@playwright/test";
import { DEMO, apiCall, signIn, uniqueEmail } from "./fixtures";
import { MEMBER_PASSWORD, type Workspace, newWorkspace } from "./workspace";

// What each role sees, in a project of this file's own (its traces, members and queue), so
// nothing another spec adds to the demo changes what is counted or listed here.

let ws: Workspace;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  ws = await newWorkspace("roles", { traces: 4, queue: true });
});

test("an anonymous visitor is sent to sign in", async ({ page }) => {
  await page.goto(`/p/${ws.slug}`);
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("the sign-in form signs a member in, to their one project", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(ws.members.ENGINEER.email);
  await page.getByLabel("Password").fill(MEMBER_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${ws.slug}$`));
  await expect(page.getByTestId("signed-in-as")).toHaveText(ws.members.ENGINEER.email);
});

test("wrong credentials are refused with a clear message", async ({ page }) => {
  // An address of its own: the failure counts against nobody another test signs in as.
  await page.goto("/signin");
  await page.getByLabel("Email").fill(uniqueEmail("wrong"));
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
});

test("an admin sees members, API keys, instance admin and the demo banner", async ({ page }) => {
  await signIn(page.request, DEMO.admin);
  await page.goto(`/p/${ws.slug}`);
  await expect(page.getByTestId("demo-banner")).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Project" });
  await expect(nav.getByRole("link", { name: "Members" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "API keys" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Instance admin" })).toBeVisible();
  await expect(page.getByTestId("project-counts")).toContainText(String(ws.traces.length));
  await expect(page.getByTestId("recent-traces")).toContainText(ws.traces.at(-1)!);
  await page.goto(`/p/${ws.slug}/members`);
  await expect(page.getByRole("heading", { name: "Invite someone" })).toBeVisible();
  await page.goto("/admin");
  await expect(page.getByTestId(`project-${ws.slug}`)).toBeVisible();
});

test("an engineer reads members but cannot manage them or API keys", async ({ page }) => {
  await signIn(page.request, ws.members.ENGINEER.email, MEMBER_PASSWORD);
  await page.goto(`/p/${ws.slug}`);
  const nav = page.getByRole("navigation", { name: "Project" });
  await expect(nav.getByRole("link", { name: "Members" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "API keys" })).toHaveCount(0);
  await expect(page.getByTestId("recent-traces")).toBeVisible();
  await page.goto(`/p/${ws.slug}/members`);
  await expect(page.getByTestId(`member-${ws.admin}`)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Invite someone" })).toHaveCount(0);
  await page.goto(`/p/${ws.slug}/api-keys`);
  await expect(page.getByText("Not available to your role")).toBeVisible();
  expect((await apiCall(page, "GET", `/api/projects/${ws.slug}/api-keys`)).status()).toBe(403);
  await page.goto("/admin");
  await expect(page.getByText("Not available to your role")).toBeVisible();
});

test("an expert sees only their queues", async ({ page }) => {
  await signIn(page.request, ws.members.EXPERT.email, MEMBER_PASSWORD);
  await page.goto(`/p/${ws.slug}`);
  await expect(page.getByTestId("my-queues")).toContainText(ws.queue!.name);
  await expect(page.getByTestId("project-counts")).toHaveCount(0);
  await expect(page.getByTestId("recent-traces")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Members" })).toHaveCount(0);
  await page.goto(`/p/${ws.slug}/members`);
  await expect(page.getByText("Not available to your role")).toBeVisible();
  expect((await apiCall(page, "GET", `/api/projects/${ws.slug}/members`)).status()).toBe(403);
  expect((await apiCall(page, "GET", `/api/projects/${ws.slug}`)).status()).toBe(200);
});

test("a member of another project meets the 404, not the project", async ({ page }) => {
  await signIn(page.request, DEMO.expert);
  const response = await page.goto(`/p/${ws.slug}`);
  expect(response!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
