import { expect, test } from "@playwright/test";
import { BASE_URL } from "./base-url";
import { DEMO, signIn } from "./fixtures";
import { createQueue } from "./queues";

// An engineer changing a queue after creation on its page: settings, and removing a rater
// behind a confirmation. Queues are built per test over the API.

const EXPERT2 = "expert2@demo.test";
const H = { origin: BASE_URL };

test("an engineer edits a queue's name, instructions and order, and raters read the new instructions", async ({ page, request, browser }) => {
  await signIn(request, DEMO.engineer);
  const queueId = await createQueue(request, { raters: [DEMO.expert], items: 2 });
  const name = `Refund answers ${Date.now().toString(36)}`;

  await signIn(page.request, DEMO.engineer);
  await page.goto(`/p/demo/queues/${queueId}`);
  const form = page.getByRole("form", { name: "Queue settings" });
  await form.getByRole("textbox", { name: "Name" }).fill(name);
  await form.getByRole("textbox", { name: "Instructions for raters" }).fill("Check the refund policy first.\nThen the tone.");
  await form.getByRole("combobox", { name: "Order" }).selectOption("random");
  await form.getByRole("spinbutton", { name: "Seed" }).fill("42");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByText("Settings saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

  // An empty name is refused by the server's schema; nothing changes.
  await form.getByRole("textbox", { name: "Name" }).fill(" ");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByRole("alert")).toContainText("name");

  await page.reload();
  await expect(form.getByRole("textbox", { name: "Name" })).toHaveValue(name);
  await expect(form.getByRole("textbox", { name: "Instructions for raters" })).toHaveValue("Check the refund policy first.\nThen the tone.");
  await expect(form.getByRole("combobox", { name: "Order" })).toHaveValue("random");
  await expect(form.getByRole("spinbutton", { name: "Seed" })).toHaveValue("42");

  const expert = await browser.newPage();
  await signIn(expert.request, DEMO.expert);
  await expert.goto(`/p/demo/queues/${queueId}/label`);
  await expect(expert.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(expert.getByTestId("labeling-item")).toBeVisible();
  await expert.keyboard.press("g");
  await expect(expert.getByRole("dialog", { name: "Guidelines" })).toContainText("Check the refund policy first.");
  await expert.close();
});

test("removing a rater asks first; Cancel keeps them, confirming releases what they hold", async ({ page, request, playwright }) => {
  await signIn(request, DEMO.engineer);
  const queueId = await createQueue(request, { raters: [DEMO.expert, EXPERT2], items: 2 });
  const rater = await playwright.request.newContext({ baseURL: BASE_URL });
  await signIn(rater, EXPERT2);
  const claim = await rater.post(`/api/projects/demo/queues/${queueId}/claim`, { data: {}, headers: H });
  expect((await claim.json()).item).not.toBeNull();

  await signIn(page.request, DEMO.engineer);
  await page.goto(`/p/demo/queues/${queueId}`);
  const raters = page.getByTestId("queue-raters");
  const omar = raters.getByRole("listitem").filter({ hasText: "Omar Expert" });
  await omar.getByRole("button", { name: "Remove" }).click();
  const confirm = page.getByRole("dialog", { name: "Remove Omar Expert from this queue?" });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText("go back to the pool");
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await page.reload();
  await expect(raters).toContainText("Omar Expert");
  expect((await rater.post(`/api/projects/demo/queues/${queueId}/claim`, { data: {}, headers: H })).status()).toBe(200);

  await omar.getByRole("button", { name: "Remove" }).click();
  await confirm.getByRole("button", { name: "Remove rater" }).click();
  await expect(confirm).toBeHidden();
  await expect(raters).not.toContainText("Omar Expert");
  await expect(raters).toContainText("Esme Expert");
  // Their lease went back to the pool: nobody holds an item now.
  const progress = await (await request.get(`/api/projects/demo/queues/${queueId}/progress`, { headers: H })).json();
  expect(progress.totals.inProgress).toBe(0);
  expect((await rater.post(`/api/projects/demo/queues/${queueId}/claim`, { data: {}, headers: H })).status()).toBe(404);
  await rater.dispose();
});
