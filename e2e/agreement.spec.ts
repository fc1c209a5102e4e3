import { type APIRequestContext, type Page, expect, test } from "@playwright/test";
import { DEMO, apiCall, signIn } from "./fixtures";
import { createQueue, userIds } from "./queues";
import { json, newWorkspace, signedIn } from "./workspace";

// Agreement in the browser: the demo queue's report and disagreements for an admin, and an
// expert settling items only in the queue they are named adjudicator of.

const EXPERT2 = "expert2@demo.test";

// Each test walks several pages whose figures are computed from the labels on request.
test.describe.configure({ timeout: 90_000 });

interface Disputes {
  items: { itemId: string; side: string | null; gold: { kind: string; revision: number }[]; labels: { rater: string }[] }[];
  total: number;
}

async function disputes(request: APIRequestContext, queueId: string, criterion = "helpfulness"): Promise<Disputes> {
  return json<Disputes>(request, "GET", `/api/projects/demo/queues/${queueId}/disagreements?criterion=${criterion}&limit=100`);
}

const adjudicatedIn = (text: string) => Number(/(\d+) adjudicated/.exec(text)![1]);

const settled = (d: Disputes) => d.items.filter((i) => i.gold.some((g) => g.kind === "ADJUDICATED")).length;

/** `rater` claims and submits `count` items of the queue in its order, the n-th with `helpfulness(n)`. */
async function label(rater: APIRequestContext, queueId: string, count: number, helpfulness: (n: number) => number) {
  for (let n = 0; n < count; n++) {
    const { item } = await json<{ item: { itemId: string } }>(rater, "POST", `/api/projects/demo/queues/${queueId}/claim`, {});
    await json(rater, "POST", `/api/projects/demo/queues/${queueId}/items/${item.itemId}/submit`, {
      submissionId: crypto.randomUUID(),
      values: { helpfulness: helpfulness(n), correct: helpfulness(n) > 2 },
    });
  }
}

/** On a settle screen: picks rater `n`'s value, writes the reason, saves, all by keyboard. */
async function settleByKeyboard(page: Page, n: number, reason: string) {
  await expect(page.getByTestId("adjudication")).toBeVisible();
  await page.keyboard.press(String(n));
  await expect(page.getByTestId("rater-label").nth(n - 1)).toHaveAttribute("data-picked", "true");
  await page.keyboard.press("Enter");
  await page.getByTestId("adjudication-reason").fill(reason);
  await page.getByTestId("adjudication-reason").press("Enter");
  await expect(page.getByText(`Reason: “${reason}”`)).toBeVisible();
  // Keys go to the screen only once the reason dialog has closed (shortcuts sleep while a dialog is open).
  await expect(page.getByTestId("adjudication-reason")).toBeHidden();
  await page.keyboard.press("s");
}

test("an admin reads the demo queue's agreement and settles its most disputed item by keyboard", async ({ page }) => {
  await signIn(page.request, DEMO.admin);
  const { queues } = await json<{ queues: { id: string; name: string }[] }>(page.request, "GET", "/api/projects/demo/queues");
  const queueId = queues.find((q) => q.name.startsWith("Weekly review"))!.id;

  await page.goto(`/p/demo/queues/${queueId}`);
  const figuresBefore = await page.getByTestId("expert-figures").innerText();
  expect(figuresBefore).toContain("Esme Expert");
  await page.getByRole("link", { name: "Agreement", exact: true }).click();
  const helpfulness = page.getByTestId("criterion-helpfulness");
  const countsBefore = adjudicatedIn(await helpfulness.getByTestId("label-counts").innerText());
  await expect(helpfulness.getByText("Krippendorff's α")).toBeVisible();
  await expect(helpfulness.getByTestId("traffic-light")).toBeVisible();
  await expect(helpfulness.getByTestId("kappa-heatmap")).toContainText("Priya (vendor panel)");
  await expect(helpfulness.getByTestId("distribution-chart")).toBeVisible();
  await expect(page.getByTestId("not-independent")).toContainText("labels not independent");

  const before = await disputes(page.request, queueId);
  expect(before.total).toBeGreaterThanOrEqual(14);
  const top = before.items[0];
  await helpfulness.getByRole("link", { name: "Disagreements" }).click();
  await page.getByTestId("disputed-item").first().click();
  await expect(page.getByTestId("adjudication")).toHaveAttribute("data-item-id", top.itemId);
  await expect(page.getByTestId("rater-label")).toHaveCount(top.labels.length);
  const reason = `Article says so ${Date.now()}`;
  await settleByKeyboard(page, 2, reason);
  // Saving opens the next disagreement.
  await expect(page.getByTestId("adjudication")).toHaveAttribute("data-item-id", before.items[1].itemId);

  const after = await disputes(page.request, queueId);
  const topAfter = after.items.find((i) => i.itemId === top.itemId)!;
  const wasSettled = top.gold.some((g) => g.kind === "ADJUDICATED");
  expect(settled(after)).toBe(settled(before) + (wasSettled ? 0 : 1));
  expect(Math.max(...topAfter.gold.map((g) => g.revision))).toBe(wasSettled ? Math.max(...top.gold.map((g) => g.revision)) + 1 : 1);
  await page.goto(`/p/demo/queues/${queueId}/disagreements?criterion=helpfulness`);
  await expect(page.getByTestId("item-gold")).toHaveCount(settled(after));
  // The item's label is now the adjudicated value, and the experts' agreement with gold moved.
  await page.goto(`/p/demo/queues/${queueId}/agreement`);
  expect(adjudicatedIn(await helpfulness.getByTestId("label-counts").innerText())).toBe(countsBefore + (wasSettled ? 0 : 1));
  await page.goto(`/p/demo/queues/${queueId}`);
  await expect(page.getByTestId("expert-figures")).not.toHaveText(figuresBefore);
});

test("an expert settles disagreements in the queue they are named adjudicator of, and is refused in another", async ({ page, request }) => {
  await signIn(request, DEMO.engineer);
  const [named, other] = await Promise.all([1, 2].map(() => createQueue(request, { raters: [DEMO.engineer, EXPERT2], items: 2, overlap: 2, blind: true })));
  const rater2 = await signedIn(EXPERT2);
  for (const queueId of [named, other]) {
    await label(request, queueId, 2, () => 1);
    await label(rater2, queueId, 2, () => 5);
  }
  // Before she is named, Esme's queue list leads to neither queue's disagreements.
  const settleLink = (queueId: string) => page.getByTestId("adjudicated-queue-list").locator(`a[href="/p/demo/queues/${queueId}/disagreements"]`);
  await signIn(page.request, DEMO.expert);
  await page.goto("/p/demo/queues");
  await expect(page.getByRole("heading", { name: "Queues", exact: true })).toBeVisible();
  await expect(settleLink(named)).toHaveCount(0);
  await page.context().clearCookies();

  // The admin names Esme on the queue page, and Omar (a rater of the queue) over the API.
  await signIn(page.request, DEMO.admin);
  await page.goto(`/p/demo/queues/${named}`);
  await page.getByLabel("Expert to name adjudicator").selectOption({ label: "Esme Expert" });
  await page.getByRole("button", { name: "Name adjudicator" }).click();
  await expect(page.getByTestId("queue-adjudicators")).toContainText("Esme Expert");
  const admin = await signedIn(DEMO.admin);
  const [expert2Id] = await userIds(request, [EXPERT2]);
  await json(admin, "PUT", `/api/projects/demo/queues/${named}/adjudicators/${expert2Id}`);
  await page.context().clearCookies();

  // A rater named adjudicator sees why they cannot settle an item they labelled.
  await signIn(page.request, EXPERT2);
  const { items } = await disputes(page.request, named);
  await page.goto(`/p/demo/queues/${named}/disagreements/${items[0].itemId}?criterion=helpfulness`);
  await expect(page.getByTestId("adjudication-message")).toContainText("You labelled this item yourself");
  const refused = await apiCall(page, "POST", `/api/projects/demo/queues/${named}/adjudications`, {
    itemId: items[0].itemId,
    criterion: "helpfulness",
    value: 3,
    reason: "mine",
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).code).toBe("adjudicator_labelled");

  await page.context().clearCookies();
  await signIn(page.request, DEMO.expert);
  // The queue list now leads her to the queue she settles, and not to the other.
  await page.goto("/p/demo/queues");
  await expect(settleLink(named)).toHaveCount(1);
  await expect(settleLink(other)).toHaveCount(0);
  await settleLink(named).click();
  await expect(page).toHaveURL(new RegExp(`/queues/${named}/disagreements`));
  await page.getByTestId("disputed-item").first().click();
  // Names and labels show to an adjudicator even in a blind queue. A demo trace may also
  // carry the imported annotator's scores for the same criterion: a third rater.
  await expect(page.getByTestId("rater-label")).toHaveCount(items[0].labels.length);
  await expect(page.getByTestId("side-by-side")).toContainText("Omar Expert");
  await expect(page.getByTestId("side-by-side")).toContainText("Eli Engineer");
  await settleByKeyboard(page, 1, "The lower reading matches the article");
  await expect(page.getByTestId("adjudication")).toHaveAttribute("data-item-id", items[1].itemId);
  const gold = await disputes(page.request, named);
  expect(settled(gold)).toBe(1);

  await page.goto(`/p/demo/queues/${other}/disagreements`);
  await expect(page.getByRole("heading", { name: "Not available to your role" })).toBeVisible();
  const outside = await apiCall(page, "POST", `/api/projects/demo/queues/${other}/adjudications`, {
    itemId: items[0].itemId,
    criterion: "helpfulness",
    value: 3,
    reason: "not mine",
  });
  expect(outside.status()).toBe(403);
  await Promise.all([admin.dispose(), rater2.dispose()]);
});

test("the disagreements page through the whole ranking, and saving the last item of a page opens the next page's first", async ({ page, request }) => {
  await signIn(request, DEMO.engineer);
  const queueId = await createQueue(request, { raters: [DEMO.engineer, EXPERT2], items: 5, overlap: 2 });
  const rater2 = await signedIn(EXPERT2);
  await label(request, queueId, 5, (n) => 1 + (n % 5));
  await label(rater2, queueId, 5, (n) => 1 + ((2 * n) % 5));
  await signIn(page.request, DEMO.admin);
  const ranking = await disputes(page.request, queueId);
  expect(ranking.total).toBe(5);

  const list = `/p/demo/queues/${queueId}/disagreements?criterion=helpfulness&limit=2`;
  await page.goto(list);
  const pager = page.getByTestId("disagreements-pager");
  await expect(page.getByTestId("disagreements-pager-position")).toHaveText("1–2 of 5");
  await pager.getByRole("link", { name: "Next →" }).click();
  await expect(page.getByTestId("disagreements-pager-position")).toHaveText("3–4 of 5");
  await expect(page.getByTestId("disputed-item").first()).toHaveAttribute("href", new RegExp(ranking.items[2].itemId));
  await pager.getByRole("link", { name: "Next →" }).click();
  await expect(page.getByTestId("disagreements-pager-position")).toHaveText("5 of 5");
  await expect(pager.getByRole("link", { name: "Next →" })).toHaveCount(0);
  await pager.getByRole("link", { name: "← Previous" }).click();
  await expect(page.getByTestId("disagreements-pager-position")).toHaveText("3–4 of 5");

  // The last item of the first page: saving opens the first of the second.
  await page.goto(list);
  await page.getByTestId("disputed-item").nth(1).click();
  await expect(page.getByTestId("adjudication")).toHaveAttribute("data-item-id", ranking.items[1].itemId);
  await expect(page.getByTestId("dispute-pager-position")).toHaveText("2 of 5");
  await settleByKeyboard(page, 1, "The first reading matches the article");
  await expect(page.getByTestId("adjudication")).toHaveAttribute("data-item-id", ranking.items[2].itemId);
  await expect(page.getByTestId("dispute-pager-position")).toHaveText("3 of 5");
  await page.getByTestId("dispute-pager").getByRole("link", { name: "← Previous" }).click();
  await expect(page.getByTestId("adjudication")).toHaveAttribute("data-item-id", ranking.items[1].itemId);
  expect(settled(await disputes(page.request, queueId))).toBe(1);
  await rater2.dispose();
});

test("an admin sets the project's agreement thresholds, and tentative above reliable is refused", async ({ page }) => {
  const ws = await newWorkspace("thresholds");
  await signIn(page.request, DEMO.admin);
  await page.goto(`/p/${ws.slug}/settings`);
  await page.getByLabel("Reliable at α ≥").fill("0.9");
  await page.getByLabel("Tentative at α ≥").fill("0.7");
  await page.getByRole("button", { name: "Save thresholds" }).click();
  await expect(page.getByText("Saved: reliable ≥ 0.9, tentative ≥ 0.7.")).toBeVisible();
  expect(await json(page.request, "GET", `/api/projects/${ws.slug}/agreement-thresholds`)).toEqual({ tentative: 0.7, reliable: 0.9 });
  await page.getByLabel("Tentative at α ≥").fill("0.95");
  await page.getByRole("button", { name: "Save thresholds" }).click();
  await expect(page.getByText("tentative cannot be above reliable")).toBeVisible();
  expect(await json(page.request, "GET", `/api/projects/${ws.slug}/agreement-thresholds`)).toEqual({ tentative: 0.7, reliable: 0.9 });
});
