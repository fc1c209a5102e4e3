import { type Page, expect, test } from "@playwright/test";
import { BASE_URL } from "./base-url";
import { DEMO, signIn } from "./fixtures";
import { createQueue } from "./queues";

// The labeling screen on queues each test builds for itself. The demo rubric: helpfulness
// (scale 1–5, required), correct (pass/fail), rationale (text), ideal answer (correction).

const EXPERT2 = "expert2@demo.test";

async function itemId(page: Page): Promise<string> {
  const item = page.getByTestId("labeling-item");
  await expect(item).toBeVisible();
  return (await item.getAttribute("data-item-id"))!;
}

/** Answers the focused item by keyboard only: helpfulness, then correct, then submit. */
async function labelByKeyboard(page: Page, helpfulness: string) {
  await page.keyboard.press(helpfulness);
  await page.keyboard.press("j");
  await page.keyboard.press("1");
  await page.keyboard.press("s");
}

test("an expert labels three items entirely by keyboard, and steps back through them", async ({ page, request }) => {
  await signIn(request, DEMO.engineer);
  const queueId = await createQueue(request, { raters: [DEMO.expert], items: 3 });
  await signIn(page.request, DEMO.expert);
  await page.goto(`/p/demo/queues/${queueId}/label`);
  const seen: string[] = [];
  for (const score of ["4", "2", "5"]) {
    const id = await itemId(page);
    expect(seen).not.toContain(id);
    seen.push(id);
    await expect(page.locator("[data-criterion=helpfulness]")).toHaveAttribute("data-focused", "true");
    await labelByKeyboard(page, score);
    await expect(page.getByTestId("session-done")).toHaveText(`${seen.length} done this session`);
  }
  await expect(page.getByTestId("queue-empty")).toBeVisible();

  await page.keyboard.press("[");
  await expect(page.getByText(/Reviewing your label 1 of 3/)).toBeVisible();
  expect(await itemId(page)).toBe(seen[2]);
  await expect(page.getByRole("radio", { name: /^5 ·/ })).toBeChecked();
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toContainText("Step back through your submitted labels");
  await expect(help).toContainText("Flag or unflag");
  await page.keyboard.press("Escape");

  // Revise by keyboard: a new revision, kept beside the old one.
  await page.keyboard.press("3");
  await page.keyboard.press("s");
  await expect(page.getByText("Labels revised.")).toBeVisible();
  const labels = await request.get(`/api/projects/demo/queues/${queueId}/labels?format=jsonl`, { headers: { origin: BASE_URL } });
  const rows = (await labels.text()).trim().split("\n").map((l) => JSON.parse(l));
  const helpfulness = rows.filter((r) => r.name === "helpfulness");
  expect(helpfulness.length).toBe(4);
  expect(helpfulness.filter((r) => r.isCurrent).map((r) => r.value).sort()).toEqual([2, 3, 4]);
});

test("a reload mid-item keeps the draft, and the submit still goes through once", async ({ page, request }) => {
  await signIn(request, DEMO.engineer);
  const queueId = await createQueue(request, { raters: [DEMO.expert], items: 2 });
  await signIn(page.request, DEMO.expert);
  await page.goto(`/p/demo/queues/${queueId}/label`);
  const first = await itemId(page);
  await page.keyboard.press("2");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Misses the refund policy.");
  await expect(page.getByTestId("draft-state")).toHaveText("Draft saved");
  await page.reload();
  expect(await itemId(page)).toBe(first);
  await expect(page.getByRole("radio", { name: /^2 ·/ })).toBeChecked();
  await expect(page.getByLabel("Rationale")).toHaveValue("Misses the refund policy.");
  // The correction editor starts from the response.
  await expect(page.getByLabel("Ideal answer")).not.toHaveValue("");
  await page.getByLabel("Rationale").press("Control+Enter");
  await expect(page.getByTestId("session-done")).toHaveText("1 done this session");
  expect(await itemId(page)).not.toBe(first);
});

test("an expert cannot open a queue that is not assigned to them", async ({ page, request }) => {
  await signIn(request, DEMO.engineer);
  const queueId = await createQueue(request, { raters: [EXPERT2], items: 1 });
  await signIn(page.request, DEMO.expert);
  const response = await page.goto(`/p/demo/queues/${queueId}/label`);
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("labeling-item")).toHaveCount(0);
  const claim = await page.request.post(`/api/projects/demo/queues/${queueId}/claim`, { data: {}, headers: { origin: BASE_URL } });
  expect(claim.status()).toBe(404);
  await page.goto("/p/demo/queues");
  await expect(page.getByTestId("my-queue-list")).not.toContainText(queueId);
});
