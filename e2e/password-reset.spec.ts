import { expect, test } from "@playwright/test";
import { BASE_URL } from "./base-url";
import { DEMO, invite, signIn, uniqueEmail } from "./fixtures";

test("an admin's reset link sets a new password once", async ({ page, browser }) => {
  const email = uniqueEmail("forgetful");
  await signIn(page.request, DEMO.admin);
  const link = await invite(page, email, "VIEWER");
  const accepted = await page.request.post("/api/invitations/accept", {
    data: { token: link.split("/invite/")[1], name: "Fran Forgetful", password: "the-first-password" },
    headers: { origin: BASE_URL },
  });
  expect(accepted.status()).toBe(200);

  await page.goto("/p/demo/members");
  await page.getByTestId(`member-${email}`).getByRole("button", { name: "Reset link" }).click();
  const resetLink = await page.getByLabel(`Single-use reset link for ${email} (valid 24 hours)`).inputValue();
  expect(resetLink).toMatch(/\/reset\//);

  const user = await browser.newContext();
  const userPage = await user.newPage();
  await userPage.goto(resetLink);
  await userPage.getByLabel(/New password/).fill("the-second-password");
  await userPage.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(userPage).toHaveURL(/\/p\/demo$/);
  await expect(userPage.getByTestId("signed-in-as")).toHaveText(email);

  await userPage.goto(resetLink);
  await expect(userPage.getByRole("heading", { name: "This reset link does not work" })).toBeVisible();
  await user.close();

  const fresh = await browser.newContext();
  const csrf = await (await fresh.request.get("/api/auth/csrf")).json();
  await fresh.request.post("/api/auth/callback/credentials", { form: { csrfToken: csrf.csrfToken, email, password: "the-first-password", json: "true" } });
  expect((await (await fresh.request.get("/api/auth/session")).json())?.user).toBeUndefined();
  await signIn(fresh.request, email, "the-second-password");
  await fresh.close();
});
