import { expect, test } from "@playwright/test";
import { DEMO, signIn, uniqueEmail } from "./fixtures";

test("an invited user signs up through the link, and the link does not work twice", async ({ page, browser }) => {
  const email = uniqueEmail("invitee");
  await signIn(page.request, DEMO.admin);
  await page.goto("/p/demo/members");
  await page.getByLabel("Email to invite").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("EXPERT");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByLabel(`Invitation link for ${email}`).inputValue();
  expect(link).toMatch(/\/invite\//);

  const invitee = await browser.newContext();
  const invitePage = await invitee.newPage();
  await invitePage.goto(link);
  await expect(invitePage.getByRole("heading", { name: /Join Demo/ })).toBeVisible();
  await invitePage.getByLabel("Your name").fill("Ivy Invitee");
  await invitePage.getByLabel(/Choose a password/).fill("a-long-enough-password");
  await invitePage.getByRole("button", { name: "Accept and join" }).click();
  await expect(invitePage).toHaveURL(/\/p\/demo$/);
  await expect(invitePage.getByTestId("signed-in-as")).toHaveText(email);
  await expect(invitePage.getByTestId("my-role")).toHaveText("EXPERT");
  await invitee.close();

  const second = await browser.newContext();
  const again = await second.newPage();
  await again.goto(link);
  await expect(again.getByRole("heading", { name: "This invitation link does not work" })).toBeVisible();
  await second.close();

  await page.reload();
  await expect(page.getByTestId(`member-${email}`)).toContainText("EXPERT");
});
