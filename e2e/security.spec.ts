import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures";

test("pages carry a nonce-based CSP without unsafe-inline scripts, and nosniff", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/signin");
  const headers = response!.headers();
  const scriptSrc = headers["content-security-policy"].split(";").find((d) => d.trim().startsWith("script-src"))!;
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  // The page is interactive under that policy: the form's script ran.
  await page.getByLabel("Email").fill(DEMO.engineer);
  await page.getByLabel("Password").fill("assay-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/p\/demo$/);
  expect(violations).toEqual([]);
});

test("API answers carry nosniff too", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
});

test("trace content is shown as text, never run as HTML", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs++;
    await dialog.dismiss();
  });
  await signIn(page.request, DEMO.engineer);
  await page.goto("/p/demo");
  await expect(page.getByTestId("recent-traces")).toContainText("<script>alert('x')</script>");
  expect(await page.locator("[data-testid=recent-traces] script").count()).toBe(0);
  expect(dialogs).toBe(0);
});
