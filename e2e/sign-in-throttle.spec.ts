import { expect, test } from "@playwright/test";
import { uniqueEmail } from "./fixtures";

test("the 6th wrong password in a row is refused with 429 and Retry-After, and the form says so", async ({ page, browser }) => {
  const email = uniqueEmail("guessed");
  const guesser = await browser.newContext();
  const { csrfToken } = (await (await guesser.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const res = await guesser.request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password: `guess-${i}`, json: "true" } });
    statuses.push(res.status());
    if (i === 5) {
      expect(Number(res.headers()["retry-after"])).toBeGreaterThan(0);
      expect((await res.json()).code).toBe("too_many_attempts");
    }
  }
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  await guesser.close();

  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("one-more-guess");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Too many failed sign-ins from here")).toBeVisible();
});
