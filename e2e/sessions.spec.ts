import { type Browser, type Page, expect, test } from "@playwright/test";
import { BASE_URL } from "./base-url";
import { DEMO, invite, signIn, uniqueEmail } from "./fixtures";

// Ending sessions, seen from the pages: the old session is sent to the sign-in page.

async function newViewer(page: Page, browser: Browser, password: string): Promise<string> {
  const email = uniqueEmail("sessions");
  await signIn(page.request, DEMO.admin);
  const link = await invite(page, email, "VIEWER");
  const joining = await browser.newContext();
  const accepted = await joining.request.post("/api/invitations/accept", {
    data: { token: link.split("/invite/")[1], name: "Sam Sessions", password },
    headers: { origin: BASE_URL },
  });
  expect(accepted.status()).toBe(200);
  await joining.close();
  return email;
}

test("a password reset ends the user's other sessions; the browser that reset stays signed in", async ({ page, browser }) => {
  test.slow();
  const email = await newViewer(page, browser, "the-first-password");
  const old = await browser.newContext();
  await signIn(old.request, email, "the-first-password");
  const oldPage = await old.newPage();
  await oldPage.goto("/p/demo");
  await expect(oldPage.getByTestId("signed-in-as")).toHaveText(email);

  await page.goto("/p/demo/members");
  await page.getByTestId(`member-${email}`).getByRole("button", { name: "Reset link" }).click();
  const resetLink = await page.getByLabel(`Single-use reset link for ${email} (valid 24 hours)`).inputValue();
  const resetting = await browser.newContext();
  const resetPage = await resetting.newPage();
  await resetPage.goto(resetLink);
  await resetPage.getByLabel(/New password/).fill("the-second-password");
  await resetPage.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(resetPage.getByTestId("signed-in-as")).toHaveText(email);

  await oldPage.goto("/p/demo");
  await expect(oldPage).toHaveURL(/\/signin/);
  expect((await old.request.get("/api/projects")).status()).toBe(401);
  expect((await resetting.request.get("/api/projects")).status()).toBe(200);
  await old.close();
  await resetting.close();
});

test("sign out everywhere, from the account page, ends every session of the account", async ({ page, browser }) => {
  test.slow();
  const email = await newViewer(page, browser, "a-long-enough-password");
  const [laptop, phone] = [await browser.newContext(), await browser.newContext()];
  await signIn(laptop.request, email, "a-long-enough-password");
  await signIn(phone.request, email, "a-long-enough-password");
  const phonePage = await phone.newPage();
  await phonePage.goto("/p/demo");
  await expect(phonePage.getByTestId("signed-in-as")).toHaveText(email);

  const laptopPage = await laptop.newPage();
  await laptopPage.goto("/p/demo");
  await laptopPage.getByTestId("signed-in-as").click();
  await expect(laptopPage).toHaveURL(/\/account$/);
  await laptopPage.getByRole("button", { name: "Sign out everywhere" }).click();
  await laptopPage.getByRole("dialog").getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(laptopPage).toHaveURL(/\/signin/);

  await phonePage.reload();
  await expect(phonePage).toHaveURL(/\/signin/);
  expect((await phone.request.get("/api/projects")).status()).toBe(401);
  await signIn(phone.request, email, "a-long-enough-password");
  await laptop.close();
  await phone.close();
});

test("the Members page offers a reset link only where the project admin may make one", async ({ page }) => {
  await signIn(page.request, DEMO.admin);
  await page.goto("/p/demo/members");
  const instanceAdminRow = page.getByTestId(`member-${DEMO.admin}`);
  await expect(instanceAdminRow.getByRole("button", { name: "Reset link" })).toHaveCount(0);
  await expect(instanceAdminRow).toContainText("instance admin only");
});
