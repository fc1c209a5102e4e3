import { type Browser, type Page, expect, test } from "@playwright/test";
import { IDP } from "./base-url";
import { DEMO, invite, signIn, uniqueEmail } from "./fixtures";
import { startIdentityProvider } from "./identity-provider";

// Single sign-on through a real OpenID Connect provider: the browser leaves for the provider's
// login form and comes back through the app's callback. Joining needs an invitation.

// Each sign-in is a dozen requests between the browser, the app and the provider.
test.describe.configure({ timeout: 90_000 });

let provider: Awaited<ReturnType<typeof startIdentityProvider>>;
test.beforeAll(async () => {
  provider = await startIdentityProvider();
});
test.afterAll(async () => {
  await provider.stop();
});

const NO_INVITATION = "Sign-in failed. Single sign-on needs an invitation for your email.";
const DEACTIVATED = "Sign-in failed. This account is deactivated; an instance admin can reactivate it.";

/** Opens `path` signed out, chooses the provider and signs in there as `email`. */
async function signInWithProvider(browser: Browser, email: string, path = "/p/demo"): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(path);
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole("button", { name: `Continue with ${IDP.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${IDP.issuer}/`));
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill("any-password");
  await page.locator('button[type="submit"]').click();
  return page;
}

async function expectRefused(page: Page, code: string, sentence: string) {
  await expect(page).toHaveURL(new RegExp(`/signin\\?.*error=${code}`));
  await expect(page.getByRole("alert").filter({ hasText: sentence })).toBeVisible();
  expect(await (await page.request.get("/api/auth/session")).json()).toEqual({});
}

test("an invited email signs in through the provider and lands in the project", async ({ page, browser }) => {
  const email = uniqueEmail("sso");
  await signIn(page.request, DEMO.admin);
  await invite(page, email, "EXPERT");

  const member = await signInWithProvider(browser, email);
  await expect(member).toHaveURL(/\/p\/demo$/);
  await expect(member.getByTestId("signed-in-as")).toHaveText(email);
  await expect(member.getByTestId("my-role")).toHaveText("EXPERT");
  await member.context().close();

  // The invitation is used up, but the account now exists: the next sign-in needs none.
  const again = await signInWithProvider(browser, email);
  await expect(again).toHaveURL(/\/p\/demo$/);
  await expect(again.getByTestId("signed-in-as")).toHaveText(email);
  await again.context().close();
});

test("an email without an invitation or account is refused", async ({ browser }) => {
  const stranger = await signInWithProvider(browser, uniqueEmail("stranger"));
  await expectRefused(stranger, "NoInvitation", NO_INVITATION);
  await stranger.context().close();
});

test("a deactivated user is refused by single sign-on", async ({ page, browser }) => {
  const email = uniqueEmail("sso-gone");
  await signIn(page.request, DEMO.admin);
  await invite(page, email, "VIEWER");
  const first = await signInWithProvider(browser, email);
  await expect(first.getByTestId("signed-in-as")).toHaveText(email);
  await first.context().close();

  await page.goto("/admin");
  const row = page.getByTestId(`user-${email}`);
  await row.getByRole("button", { name: "Deactivate" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Deactivated");

  const refused = await signInWithProvider(browser, email);
  await expectRefused(refused, "AccountDeactivated", DEACTIVATED);
  await refused.context().close();
});
