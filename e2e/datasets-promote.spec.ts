import { type APIRequestContext, expect, test } from "@playwright/test";
import { downloadEach, publish } from "./dataset-screens";
import { DEMO, signIn } from "./fixtures";
import { MEMBER_PASSWORD, json, newWorkspace, signedIn, stamp } from "./workspace";

// A golden dataset from labels and traces in the browser: an engineer builds a promotion rule
// over a queue whose two raters agree (α = 1 on `correct`), reads the preview and the gate's
// verdict, adds the items and publishes v1; edits an item, adds two traces from the explorer
// and publishes v2; compares the two versions; and downloads the `test` split in every format.
// The project is the test's own, since the demo queue's labels move as other specs label and
// settle it.

test.describe.configure({ timeout: 120_000 });

const WRONG = ["Question 4", "Question 5", "Question 6"];

/** The rater labels every item of the queue: Correct, except the answers to Questions 4 to 6. */
async function labelAll(rater: APIRequestContext, slug: string, queueId: string) {
  for (;;) {
    const { item } = await json<{ item: { itemId: string } | null }>(rater, "POST", `/api/projects/${slug}/queues/${queueId}/claim`, { exclude: [] });
    if (!item) return;
    const view = await json<{ trace: { input: unknown } }>(rater, "GET", `/api/projects/${slug}/queues/${queueId}/items/${item.itemId}`);
    await json(rater, "POST", `/api/projects/${slug}/queues/${queueId}/items/${item.itemId}/submit`, {
      submissionId: crypto.randomUUID(),
      values: { helpfulness: 4, correct: !WRONG.includes(view.trace.input as string), groundedness: "grounded" },
    });
  }
}

test("an engineer builds a golden dataset from a queue's verdicts and the explorer, publishes two versions, compares them and downloads the test split", async ({
  page,
}) => {
  const ws = await newWorkspace("promote", { traces: 6, queue: true, overlap: 2 });
  const admin = await signedIn(DEMO.admin);
  const { secret } = await json<{ secret: string }>(admin, "POST", `/api/projects/${ws.slug}/api-keys`, { name: "datasets", scope: "FULL" });
  await admin.dispose();
  const bearer = { authorization: `Bearer ${secret}` };
  const name = `Golden ${stamp()}`;
  const golden = await json<{ id: string }>(page.request, "POST", "/api/v1/datasets", { name }, bearer);
  for (const member of [ws.members.ENGINEER, ws.members.EXPERT]) {
    const rater = await signedIn(member.email, MEMBER_PASSWORD);
    await labelAll(rater, ws.slug, ws.queue!.id);
    await rater.dispose();
  }

  await signIn(page.request, ws.members.ENGINEER.email, MEMBER_PASSWORD);
  await page.goto(`/p/${ws.slug}/datasets/${golden.id}`);
  await page.getByRole("link", { name: "Add from a queue" }).click();
  await page.getByRole("button", { name: "Add a condition" }).click();
  await page.locator("#condition-0-criterion").selectOption("correct");
  await page.getByTestId("condition-0").getByLabel("Correct", { exact: true }).check();
  await page.getByLabel("Splits").fill("test");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("promotion-counts")).toContainText("3 of 6 completed items selected");
  await expect(page.getByTestId("gate-row-correct")).toHaveAttribute("data-status", "pass");
  await expect(page.getByTestId("gate-row-correct")).toContainText("1.000");
  await expect(page.getByTestId("promotion-sample")).toContainText("Answer 1");
  await page.getByRole("button", { name: "Add 3 items" }).click();
  await expect(page.getByText("Added 3 items")).toBeVisible();

  await page.goto(`/p/${ws.slug}/datasets/${golden.id}`);
  await publish(page, "Agreed answers from the queue", 1);

  await page.getByRole("navigation", { name: "Dataset" }).getByRole("link", { name: "Items", exact: true }).click();
  await page.getByTestId("item-link").filter({ hasText: "Question 2" }).click();
  const panel = page.getByTestId("item-panel");
  await expect(page.getByTestId("item-lineage")).toContainText("a promotion rule");
  await page.getByTestId("edit-item").click();
  const edit = page.getByRole("dialog", { name: "Edit item: saved as a new revision" });
  await edit.getByLabel("Expected output", { exact: true }).fill("Answer 2, with the source cited.");
  await edit.getByRole("button", { name: "Save revision" }).click();
  await expect(panel).toContainText("Revision 2");

  await page.goto(`/p/${ws.slug}/traces`);
  await page.getByLabel(`Select trace ${ws.traces[4]}`).check();
  await page.getByLabel(`Select trace ${ws.traces[5]}`).check();
  await page.locator("#target-dataset").selectOption({ label: name });
  await page.getByRole("button", { name: "Add 2 selected to dataset" }).click();
  await expect(page.getByTestId("add-to-dataset")).toContainText("Added 2 items to the dataset.");

  await page.goto(`/p/${ws.slug}/datasets/${golden.id}`);
  await publish(page, "One answer corrected, two traces added", 2);

  await page.getByRole("navigation", { name: "Dataset" }).getByRole("link", { name: "Compare versions" }).click();
  await expect(page.getByTestId("diff-summary")).toContainText("v1 → v2: 2 added · 0 removed · 1 changed · 2 unchanged");
  await expect(page.getByTestId("diff-added")).toContainText("Question 5");
  await expect(page.getByTestId("diff-changed")).toContainText("/expectedOutput");

  // The three promoted items are the test split; the explorer's two are in none, and no item is a pair.
  await page.goto(`/p/${ws.slug}/datasets/${golden.id}`);
  await downloadEach(page, {
    version: "2",
    prefix: `${name.replace(/[^A-Za-z0-9._-]/g, "-")}-v2-test`,
    records: (format) => (format === "openai-preference" ? 0 : 3),
  });

  const items = await json<{ items: { input: unknown; lineage: { via: string } }[] }>(
    page.request,
    "GET",
    `/api/v1/datasets/${golden.id}/items`,
    undefined,
    bearer,
  );
  expect(items.items.map((i) => [i.input, i.lineage.via]).sort()).toEqual([
    ["Question 1", "rule"],
    ["Question 2", "rule"],
    ["Question 3", "rule"],
    ["Question 5", "traces"],
    ["Question 6", "traces"],
  ]);
});
