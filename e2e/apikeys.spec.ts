import { expect, request, test } from "@playwright/test";
import { BASE_URL } from "./base-url";
import { DEMO, signIn } from "./fixtures";

async function createKey(page: import("@playwright/test").Page, name: string, scope: "INGEST" | "FULL"): Promise<string> {
  await page.getByLabel("Key name").fill(name);
  await page.getByLabel("Scope").selectOption(scope);
  await page.getByRole("button", { name: "Create key" }).click();
  return page.getByLabel(`Secret of "${name}": copy it now, it is not shown again`).inputValue();
}

test("an INGEST key is refused where only a FULL key may go, and a revoked key is refused", async ({ page }) => {
  await signIn(page.request, DEMO.admin);
  await page.goto("/p/demo/api-keys");
  const name = `ingest-${Date.now()}`;
  const ingest = await createKey(page, name, "INGEST");
  expect(ingest).toMatch(/^assay_/);
  const full = await createKey(page, `full-${Date.now()}`, "FULL");

  const machine = await request.newContext({ baseURL: BASE_URL });
  const asIngest = await machine.get("/api/v1/project", { headers: { authorization: `Bearer ${ingest}` } });
  expect(asIngest.status()).toBe(403);
  expect(asIngest.headers()["content-type"]).toContain("application/problem+json");
  expect((await asIngest.json()).code).toBe("forbidden");
  const asFull = await machine.get("/api/v1/project", { headers: { authorization: `Bearer ${full}` } });
  expect(asFull.status()).toBe(200);
  expect((await asFull.json()).project.slug).toBe("demo");

  // The secret is shown once: after a reload the list shows only a hint.
  await page.reload();
  const row = page.getByTestId(`apikey-${name}`);
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(ingest);

  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");
  const afterRevoke = await machine.get("/api/v1/project", { headers: { authorization: `Bearer ${ingest}` } });
  expect(afterRevoke.status()).toBe(401);
  expect((await machine.get("/api/v1/project")).status()).toBe(401);
  await machine.dispose();
});
