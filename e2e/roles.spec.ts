import { expect, test } from "@playwright/test";
import { DEMO, apiCall, signIn } from "./fixtures";

test("an anonymous visitor is sent to sign in", async ({ page }) => {
  await page.goto("/p/demo");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("the sign-in form signs a demo user in", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(DEMO.engineer);
  await page.getByLabel("Password").fill("assay-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/p\/demo$/);
  await expect(page.getByTestId("signed-in-as")).toHaveText(DEMO.engineer);
});

test("wrong credentials are refused with a clear message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(DEMO.admin);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
});

test("an admin sees members, API keys, instance admin and the demo banner", async ({ page }) => {
  await signIn(page.request, DEMO.admin);
  await page.goto("/p/demo");
  await expect(page.getByTestId("demo-banner")).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Project" });
  await expect(nav.getByRole("link", { name: "Members" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "API keys" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Instance admin" })).toBeVisible();
  await expect(page.getByTestId("project-counts")).toContainText("50");
  await page.goto("/p/demo/members");
  await expect(page.getByRole("heading", { name: "Invite someone" })).toBeVisible();
  await page.goto("/admin");
  await expect(page.getByTestId("project-demo")).toBeVisible();
});

test("an engineer reads members but cannot manage them or API keys", async ({ page }) => {
  await signIn(page.request, DEMO.engineer);
  await page.goto("/p/demo");
  const nav = page.getByRole("navigation", { name: "Project" });
  await expect(nav.getByRole("link", { name: "Members" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "API keys" })).toHaveCount(0);
  await expect(page.getByTestId("recent-traces")).toBeVisible();
  await page.goto("/p/demo/members");
  await expect(page.getByTestId(`member-${DEMO.admin}`)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Invite someone" })).toHaveCount(0);
  await page.goto("/p/demo/api-keys");
  await expect(page.getByText("Not available to your role")).toBeVisible();
  expect((await apiCall(page, "GET", "/api/projects/demo/api-keys")).status()).toBe(403);
  await page.goto("/admin");
  await expect(page.getByText("Not available to your role")).toBeVisible();
});

test("an expert sees only their queues", async ({ page }) => {
  await signIn(page.request, DEMO.expert);
  await page.goto("/p/demo");
  await expect(page.getByTestId("my-queues")).toContainText("Weekly review");
  await expect(page.getByTestId("project-counts")).toHaveCount(0);
  await expect(page.getByTestId("recent-traces")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Members" })).toHaveCount(0);
  await page.goto("/p/demo/members");
  await expect(page.getByText("Not available to your role")).toBeVisible();
  expect((await apiCall(page, "GET", "/api/projects/demo/members")).status()).toBe(403);
  expect((await apiCall(page, "GET", "/api/projects/demo")).status()).toBe(200);
});
