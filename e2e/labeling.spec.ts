import { type APIRequestContext, type Page, expect, test } from "@playwright/test";
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

/** A fresh queue built by the engineer, opened on the labeling screen by expert1. */
async function openNewQueue(page: Page, engineer: APIRequestContext, options: Parameters<typeof createQueue>[1]): Promise<string> {
  await signIn(engineer, DEMO.engineer);
  const queueId = await createQueue(engineer, options);
  await signIn(page.request, DEMO.expert);
  await page.goto(`/p/demo/queues/${queueId}/label`);
  return queueId;
}

/** Answers the focused item by keyboard only: helpfulness, then correct, then submit. */
async function labelByKeyboard(page: Page, helpfulness: string) {
  await page.keyboard.press(helpfulness);
  await page.keyboard.press("j");
  await page.keyboard.press("1");
  await page.keyboard.press("s");
}

test("an expert labels three items entirely by keyboard, and steps back through them", async ({ page, request }) => {
  const queueId = await openNewQueue(page, request, { raters: [DEMO.expert], items: 3 });
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
  await expect(page.getByRole("radio", { name: /^55 ·/ })).toBeChecked();
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
  const rows = (await labels.text())
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  const helpfulness = rows.filter((r) => r.name === "helpfulness");
  expect(helpfulness.length).toBe(4);
  expect(
    helpfulness
      .filter((r) => r.isCurrent)
      .map((r) => r.value)
      .sort(),
  ).toEqual([2, 3, 4]);
});

test("an expert reads the rubric's guidelines (g) through the queue, never through the rubrics routes", async ({ page, request }) => {
  const rubricCalls: string[] = [];
  page.on("request", (r) => {
    if (/\/api\/projects\/demo\/rubrics/.test(r.url())) rubricCalls.push(r.url());
  });
  await openNewQueue(page, request, { raters: [DEMO.expert], items: 1 });
  await itemId(page);
  await page.keyboard.press("g");
  const guidelines = page.getByRole("dialog", { name: "Guidelines" });
  await expect(guidelines).toContainText("Judge the final answer only");
  await expect(guidelines).toContainText("5 · Excellent");
  await page.keyboard.press("Escape");
  expect(rubricCalls).toEqual([]);
  expect((await page.request.get("/api/projects/demo/rubrics")).status()).toBe(403);
});

test("a reload mid-item keeps the draft, and the submit still goes through once", async ({ page, request }) => {
  const queueId = await openNewQueue(page, request, { raters: [DEMO.expert], items: 2 });
  const first = await itemId(page);
  await page.keyboard.press("2");
  await page.keyboard.press("j");
  await page.keyboard.press("1");
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Misses the refund policy.");
  await expect(page.getByTestId("draft-state")).toHaveText("Draft saved");
  await page.reload();
  expect(await itemId(page)).toBe(first);
  await expect(page.getByRole("radio", { name: /^22 ·/ })).toBeChecked();
  await expect(page.locator("[data-criterion=correct] input[type=radio]").first()).toBeChecked();
  await expect(page.getByRole("textbox", { name: "Rationale" })).toHaveValue("Misses the refund policy.");
  // The correction editor starts from the response.
  await expect(page.getByRole("textbox", { name: "Ideal answer" })).not.toHaveValue("");
  await page.getByRole("textbox", { name: "Rationale" }).press("Control+Enter");
  await expect(page.getByTestId("session-done")).toHaveText("1 done this session");
  expect(await itemId(page)).not.toBe(first);

  // Flag, then skip, the second item by keyboard, each with no reason (Enter on the empty
  // prompt): the skipped item goes back to the pool for others.
  await page.getByRole("main").click({ position: { x: 1, y: 1 } });
  await page.keyboard.press("f");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: /Unflag/ })).toBeVisible();
  await page.keyboard.press("x");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("queue-empty")).toBeVisible();
  const flagged = await (await request.get(`/api/projects/demo/queues/${queueId}/flagged`, { headers: { origin: BASE_URL } })).json();
  expect(flagged.items).toHaveLength(1);
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

async function asUser(
  playwright: { request: { newContext: (o: { baseURL: string }) => Promise<import("@playwright/test").APIRequestContext> } },
  email: string,
) {
  const context = await playwright.request.newContext({ baseURL: BASE_URL });
  await signIn(context, email);
  return context;
}

async function submitByApi(rater: import("@playwright/test").APIRequestContext, queueId: string, values: Record<string, unknown>) {
  const headers = { origin: BASE_URL };
  const claim = await (await rater.post(`/api/projects/demo/queues/${queueId}/claim`, { data: {}, headers })).json();
  const itemId = claim.item.itemId as string;
  const submit = await rater.post(`/api/projects/demo/queues/${queueId}/items/${itemId}/submit`, {
    data: { submissionId: crypto.randomUUID(), values },
    headers,
  });
  expect(submit.status()).toBe(200);
  return itemId;
}

async function labelRows(engineer: import("@playwright/test").APIRequestContext, queueId: string) {
  const response = await engineer.get(`/api/projects/demo/queues/${queueId}/labels?format=jsonl`, { headers: { origin: BASE_URL } });
  return (await response.text())
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

test("a pairwise item shows A and B side by side, and the position shown is recorded", async ({ page, request }) => {
  const queueId = await openNewQueue(page, request, { raters: [DEMO.expert], items: 1, mode: "PAIRWISE" });
  await expect(page.getByTestId("pair-left")).toBeVisible();
  await expect(page.getByTestId("pair-right")).toBeVisible();
  // helpfulness left, helpfulness right, correct left, correct right.
  for (const key of ["4", "j", "2", "j", "1", "j", "2", "s"]) await page.keyboard.press(key);
  await expect(page.getByTestId("queue-empty")).toBeVisible();
  await expect(page.getByTestId("session-done")).toHaveText("1 done this session");
  const rows = await labelRows(request, queueId);
  const leftSide = rows[0].leftSide as "A" | "B";
  expect(["A", "B"]).toContain(leftSide);
  const rightSide = leftSide === "A" ? "B" : "A";
  // Labels name the item's traces; the screen's left response got 4, the right one 2.
  expect(rows.find((r) => r.name === `helpfulness:${leftSide}`)?.value).toBe(4);
  expect(rows.find((r) => r.name === `helpfulness:${rightSide}`)?.value).toBe(2);
  expect(rows.find((r) => r.name === `correct:${rightSide}`)?.value).toBe(false);
});

test("blind mode hides others' labels and comments until the rater submits", async ({ page, request, playwright }) => {
  await signIn(request, DEMO.engineer);
  const queueId = await createQueue(request, { raters: [DEMO.expert, EXPERT2], items: 1, overlap: 2, blind: true });
  const other = await asUser(playwright, EXPERT2);
  const itemIdOf = await submitByApi(other, queueId, { helpfulness: 5, correct: true });
  await other.post(`/api/projects/demo/queues/${queueId}/items/${itemIdOf}/comments`, {
    data: { body: "Second opinion from expert two" },
    headers: { origin: BASE_URL },
  });
  await other.dispose();

  await signIn(page.request, DEMO.expert);
  await page.goto(`/p/demo/queues/${queueId}/label`);
  expect(await itemId(page)).toBe(itemIdOf);
  await expect(page.getByTestId("others-hidden")).toBeVisible();
  await expect(page.getByTestId("comments-hidden")).toBeVisible();
  await expect(page.getByText("Second opinion from expert two")).toHaveCount(0);
  await labelByKeyboard(page, "3");
  await expect(page.getByTestId("queue-empty")).toBeVisible();
  await expect(page.getByTestId("session-done")).toHaveText("1 done this session");
  await page.keyboard.press("[");
  await expect(page.getByText("Second opinion from expert two")).toBeVisible();
  await expect(page.getByTestId("others-hidden")).toHaveCount(0);
  await page.getByTestId("others-labels").locator("summary").click();
  await expect(page.getByTestId("others-labels")).toContainText("helpfulness = 5");
});

test("an engineer sees every queue, its progress per rater, and downloads the labels", async ({ page, request, playwright }) => {
  await signIn(request, DEMO.engineer);
  const queueId = await createQueue(request, { raters: [EXPERT2], items: 2 });
  const rater = await asUser(playwright, EXPERT2);
  await submitByApi(rater, queueId, { helpfulness: 4, correct: true });
  await rater.dispose();

  await signIn(page.request, DEMO.engineer);
  await page.goto("/p/demo/queues");
  await expect(page.getByRole("link", { name: "New queue" })).toBeVisible();
  await page.goto(`/p/demo/queues/${queueId}`);
  await expect(page.getByTestId("rater-progress")).toContainText(/1\s*0\s*0\s*1/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download labels (CSV)" }).click()]);
  const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(text.split("\n")[0]).toContain("raterEmail");
  expect(text).toContain(EXPERT2);
  expect(text).toContain("helpfulness");
});

test("c opens the comment field; the comment is posted, shown, and still there after a reload", async ({ page, request }) => {
  await openNewQueue(page, request, { raters: [DEMO.expert], items: 1 });
  const id = await itemId(page);
  await page.keyboard.press("c");
  const field = page.getByRole("textbox", { name: "New comment" });
  await expect(field).toBeFocused();
  // Digits and shortcut keys are text here: nothing is answered or submitted.
  await page.keyboard.type("Source 2 contradicts the answer; see step 3.");
  await page.keyboard.press("Control+Enter");
  const comments = page.getByTestId("comments");
  await expect(comments.getByRole("listitem")).toHaveText(["You: Source 2 contradicts the answer; see step 3."]);
  await expect(field).toHaveValue("");
  await expect(page.getByRole("radio", { name: /^22 ·/ })).not.toBeChecked();
  expect(await itemId(page)).toBe(id);
  await page.reload();
  expect(await itemId(page)).toBe(id);
  await expect(page.getByTestId("comments")).toContainText("Source 2 contradicts the answer; see step 3.");
});

test("skip and flag ask for an optional reason; the engineer reads both reasons", async ({ page, request, browser }) => {
  const queueId = await openNewQueue(page, request, { raters: [DEMO.expert], items: 2 });
  const first = await itemId(page);

  await page.keyboard.press("f");
  const flagPrompt = page.getByRole("dialog", { name: "Flag this item for the engineers?" });
  await expect(flagPrompt).toBeVisible();
  await expect(flagPrompt.getByRole("textbox", { name: "Reason (optional)" })).toBeFocused();
  await page.keyboard.type("Shows a customer's phone number");
  await page.keyboard.press("Enter");
  await expect(flagPrompt).toBeHidden();
  await expect(page.getByText("Flagged for the engineers: Shows a customer's phone number")).toBeVisible();
  await expect(page.getByRole("button", { name: /Unflag/ })).toBeVisible();

  // Escape cancels: the item stays, nothing is skipped.
  await page.keyboard.press("x");
  const skipPrompt = page.getByRole("dialog", { name: "Skip this item?" });
  await expect(skipPrompt.getByRole("textbox", { name: "Reason (optional)" })).toBeFocused();
  await page.keyboard.type("half a thought");
  await page.keyboard.press("Escape");
  await expect(skipPrompt).toBeHidden();
  expect(await itemId(page)).toBe(first);

  // The prompt opens empty again; the reason's letters (s, g, x, digits) are text, not shortcuts.
  await page.keyboard.press("x");
  await expect(skipPrompt.getByRole("textbox", { name: "Reason (optional)" })).toHaveValue("");
  await page.keyboard.type("Not in English, skipping 2 of them");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("labeling-item")).not.toHaveAttribute("data-item-id", first);
  await expect(page.getByTestId("session-done")).toHaveText("1 done this session");

  const engineer = await browser.newPage();
  await signIn(engineer.request, DEMO.engineer);
  await engineer.goto(`/p/demo/queues/${queueId}`);
  const flagged = engineer.getByTestId("flagged-items");
  await expect(flagged).toContainText("Esme Expert: Shows a customer's phone number");
  await expect(flagged).toContainText("Skipped by Esme Expert: Not in English, skipping 2 of them");
  await engineer.close();
});

test("a late submit on an item whose N was filled meanwhile is refused clearly, and the answers are kept", async ({ page, request, playwright }) => {
  const queueId = await openNewQueue(page, request, { raters: [DEMO.expert, EXPERT2], items: 1, overlap: 2 });
  const id = await itemId(page);
  await page.keyboard.press("4");
  await page.keyboard.press("j");
  await page.keyboard.press("1");

  // Meanwhile the other rater labels the same item, and the engineer lowers N to 1: the item
  // has all its labels before this rater submits.
  const other = await asUser(playwright, EXPERT2);
  expect(await submitByApi(other, queueId, { helpfulness: 2, correct: false })).toBe(id);
  await other.dispose();
  const lowered = await request.patch(`/api/projects/demo/queues/${queueId}`, { data: { overlap: 1 }, headers: { origin: BASE_URL } });
  expect(lowered.status()).toBe(200);

  await page.keyboard.press("s");
  await expect(page.getByTestId("submit-refused")).toHaveText(
    "Previous item: Other raters already gave this item all the labels it needs, so yours were not counted. Your answers are kept as a draft.",
  );
  await expect(page.getByTestId("session-done")).toHaveText("0 done this session");
  // The answers come back from the server's copy of the draft too, not only this device's.
  await page.evaluate(() => localStorage.clear());
  await page.getByRole("button", { name: "Back to that item" }).click();
  expect(await itemId(page)).toBe(id);
  await expect(page.getByRole("radio", { name: /^44 ·/ })).toBeChecked();
  await expect(page.locator("[data-criterion=correct] input[type=radio]").first()).toBeChecked();
  const rows = await labelRows(request, queueId);
  expect(rows.filter((r) => r.name === "helpfulness").map((r) => r.value)).toEqual([2]);
});
