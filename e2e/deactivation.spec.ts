import { expect, test } from "@playwright/test";
import { BASE_URL } from "./base-url";
import { DEMO, invite, signIn, uniqueEmail } from "./fixtures";

test("a deactivated member is refused on their next request", async ({ page, browser }) => {
  const email = uniqueEmail("leaver");
  await signIn(page.request, DEMO.admin);
  const link = await invite(page, email, "ENGINEER");

  const member = await browser.newContext();
  const token = link.split("/invite/")[1];
  const accepted = await member.request.post("/api/invitations/accept", {
    data: { token, name: "Lee Leaver", password: "a-long-enough-password" },
    headers: { origin: BASE_URL },
  });
  expect(accepted.status()).toBe(200);
  await signIn(member.request, email, "a-long-enough-password");
  const memberPage = await member.newPage();
  await memberPage.goto("/p/demo");
  await expect(memberPage.getByTestId("recent-traces")).toBeVisible();

  await page.goto("/p/demo/members");
  const row = page.getByTestId(`member-${email}`);
  await row.getByRole("button", { name: "Deactivate" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Deactivate Lee Leaver?");
  await dialog.getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Deactivated");

  await memberPage.reload();
  await expect(memberPage.getByRole("heading", { name: "Not found" })).toBeVisible();
  expect((await member.request.get("/api/projects/demo")).status()).toBe(404);
  await member.close();
});

test("a deactivated account is signed out everywhere on its next request", async ({ page, browser }) => {
  const email = uniqueEmail("gone");
  await signIn(page.request, DEMO.admin);
  const link = await invite(page, email, "VIEWER");
  const user = await browser.newContext();
  await user.request.post("/api/invitations/accept", {
    data: { token: link.split("/invite/")[1], name: "Gina Gone", password: "a-long-enough-password" },
    headers: { origin: BASE_URL },
  });
  await signIn(user.request, email, "a-long-enough-password");
  expect((await user.request.get("/api/projects")).status()).toBe(200);

  await page.goto("/admin");
  const row = page.getByTestId(`user-${email}`);
  await row.getByRole("button", { name: "Deactivate" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Deactivated");

  expect((await user.request.get("/api/projects")).status()).toBe(401);
  const userPage = await user.newPage();
  await userPage.goto("/p/demo");
  await expect(userPage).toHaveURL(/\/signin/);
  await user.close();
});
