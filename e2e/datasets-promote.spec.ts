import { type APIRequestContext, expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures";
import { MEMBER_PASSWORD, json, newWorkspace, signedIn, stamp } from "./workspace";

// Golden datasets from labels and traces in the browser: an engineer builds a promotion rule
// over a queue whose two raters agree (α = 1 on `correct`), reads the preview and the gate's
// verdict, adds the items, then adds two traces from the explorer. The project is the test's
// own, since the demo queue's labels move as other specs label and settle it.

test.describe.configure({ timeout: 120_000 });

/** The rater labels every item of the queue: Correct, except the answer to Question 4. */
async function labelAll(rater: APIRequestContext, slug: string, queueId: string) {
  for (;;) {
    const { item } = await json<{ item: { itemId: string } | null }>(rater, "POST", `/api/projects/${slug}/queues/${queueId}/claim`, { exclude: [] });
    if (!item) return;
    const view = await json<{ trace: { input: unknown } }>(rater, "GET", `/api/projects/${slug}/queues/${queueId}/items/${item.itemId}`);
    await json(rater, "POST", `/api/projects/${slug}/queues/${queueId}/items/${item.itemId}/submit`, {
      submissionId: crypto.randomUUID(),
      values: { helpfulness: 4, correct: view.trace.input !== "Question 4", groundedness: "grounded" },
    });
  }
}

test("an engineer promotes a queue's agreed items and adds two traces from the explorer", async ({ page }) => {
  const ws = await newWorkspace("promote", { traces: 4, queue: true, overlap: 2 });
  const admin = await signedIn(DEMO.admin);
  const { secret } = await json<{ secret: string }>(admin, "POST", `/api/projects/${ws.slug}/api-keys`, { name: "datasets", scope: "FULL" });
  await admin.dispose();
  const bearer = { authorization: `Bearer ${secret}` };
  const dataset = (name: string) => json<{ id: string }>(page.request, "POST", "/api/v1/datasets", { name }, bearer);
  const golden = await dataset(`golden ${stamp()}`);
  const explorerName = `from explorer ${stamp()}`;
  const fromExplorer = await dataset(explorerName);
  for (const member of [ws.members.ENGINEER, ws.members.EXPERT]) {
    const rater = await signedIn(member.email, MEMBER_PASSWORD);
    await labelAll(rater, ws.slug, ws.queue!.id);
    await rater.dispose();
  }

  await signIn(page.request, ws.members.ENGINEER.email, MEMBER_PASSWORD);
  await page.goto(`/p/${ws.slug}/datasets/${golden.id}/promote`);
  await page.getByRole("button", { name: "Add a condition" }).click();
  await page.locator("#condition-0-criterion").selectOption("correct");
  await page.getByTestId("condition-0").getByLabel("Correct", { exact: true }).check();
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("promotion-counts")).toContainText("3 of 4 completed items selected");
  await expect(page.getByTestId("gate-row-correct")).toHaveAttribute("data-status", "pass");
  await expect(page.getByTestId("gate-row-correct")).toContainText("1.000");
  await expect(page.getByTestId("promotion-sample")).toContainText("Answer 1");
  await page.getByRole("button", { name: "Add 3 items" }).click();
  await expect(page.getByText("Added 3 items")).toBeVisible();

  await page.goto(`/p/${ws.slug}/traces`);
  await page.getByLabel(`Select trace ${ws.traces[0]}`).check();
  await page.getByLabel(`Select trace ${ws.traces[3]}`).check();
  await page.locator("#target-dataset").selectOption({ label: explorerName });
  await page.getByRole("button", { name: "Add 2 selected to dataset" }).click();
  await expect(page.getByTestId("add-to-dataset")).toContainText("Added 2 items to the dataset.");

  const items = (id: string) =>
    json<{ items: { input: unknown; lineage: { via: string; traceId: string } }[] }>(page.request, "GET", `/api/v1/datasets/${id}/items`, undefined, bearer);
  const promoted = await items(golden.id);
  expect(promoted.items.map((i) => i.input).sort()).toEqual(["Question 1", "Question 2", "Question 3"]);
  expect(promoted.items.every((i) => i.lineage.via === "rule")).toBe(true);
  const added = await items(fromExplorer.id);
  expect(added.items.map((i) => i.input).sort()).toEqual(["Question 1", "Question 4"]);
  expect(added.items.every((i) => i.lineage.via === "traces")).toBe(true);
});
