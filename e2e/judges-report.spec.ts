import { expect, test } from "@playwright/test";
import { DEMO, apiCall, signIn } from "./fixtures";
import { publishedRubricVersion } from "./queues";
import { newWorkspace } from "./workspace";

// The demo judge held against the demo experts' labels: the figures with their interval and
// the human ceiling, two disagreements sent to the calibration set with a note, the set
// listed, downloaded as JSONL and one example removed; two sent to a queue; an admin sets the
// minimum of items.

test("an engineer reads the demo judge's comparison with people and builds its calibration set", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page.request, DEMO.engineer);
  await page.goto("/p/demo/judges/helpfulness-judge/agreement");
  await expect(page.getByRole("heading", { name: "helpfulness-judge: held against people" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: /^Version/ })).toHaveValue("v1");
  await expect(page.getByRole("combobox", { name: /^Reference/ })).toHaveValue("any");
  // Other specs label and settle demo items as they run: the counts are read, not assumed.
  const comparable = Number(await page.getByTestId("comparable").textContent());
  expect(comparable).toBeGreaterThanOrEqual(10);
  await expect(page.getByTestId("held-out")).toHaveText("0");
  await expect(page.getByTestId("figures")).toContainText("Cohen's κ [95% interval]");
  await expect(page.getByTestId("ceiling")).toContainText("vs experts' mutual κ");
  await expect(page.getByRole("table", { name: "Confusion matrix" })).toBeVisible();
  await expect(page.getByTestId("per-class")).toBeVisible();

  // Gold holds only the few settled items: under the demo's minimum of 10, no figure but the reason.
  await page.getByRole("combobox", { name: /^Reference/ }).selectOption("gold");
  await expect(page).toHaveURL(/reference=gold/);
  await expect(page.getByTestId("insufficient-data")).toContainText(/insufficient data: [1-9] comparable items, at least 10 needed/);
  await page.getByRole("combobox", { name: /^Reference/ }).selectOption("any");
  await expect(page.getByTestId("comparable")).toHaveText(/^[1-9]\d+$/);

  const rows = page.getByTestId("judge-disagreements").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const picks = page.getByTestId("judge-disagreements").getByRole("checkbox");
  await picks.nth(0).check();
  await picks.nth(1).check();
  await page.getByTestId("judge-disagreements").getByRole("textbox").first().fill("Leaves out the steps");
  await page.getByRole("button", { name: "Add to calibration set" }).click();
  await expect(page.getByText("Added 2 examples to the calibration set.")).toBeVisible();

  await page.getByRole("link", { name: "Calibration set" }).click();
  await expect(page.getByRole("heading", { name: "helpfulness-judge: calibration set" })).toBeVisible();
  const examples = page.getByTestId("calibration-examples").locator("tbody tr");
  await expect(examples).toHaveCount(2);
  await expect(page.getByTestId("calibration-examples")).toContainText("Leaves out the steps");
  const href = await page.getByRole("link", { name: "Download JSONL" }).getAttribute("href");
  const download = await page.request.get(href!);
  expect(download.headers()["content-type"]).toContain("application/x-ndjson");
  const lines = (await download.text())
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatchObject({ criterion: "helpfulness", human_value: expect.any(Number), judge_value: expect.any(Number) });

  await examples.first().getByRole("button", { name: "Remove" }).click();
  await page.getByRole("dialog", { name: "Remove this example?" }).getByRole("button", { name: "Remove example" }).click();
  await expect(examples).toHaveCount(1);
});

test("an engineer sends two of the demo judge's disagreements to a queue, once", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page.request, DEMO.engineer);
  // A queue of this test's own: the demo queue already holds every demo disagreement's trace.
  const name = `Judge follow-up ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const created = await apiCall(page, "POST", "/api/projects/demo/queues", {
    name,
    rubricVersionId: await publishedRubricVersion(page.request),
    mode: "SINGLE",
    overlap: 1,
    blind: false,
    memberUserIds: [],
  });
  expect(created.ok()).toBeTruthy();
  const queueId = ((await created.json()) as { id: string }).id;

  await page.goto("/p/demo/judges/helpfulness-judge/agreement");
  const table = page.getByTestId("judge-disagreements");
  const picks = table.getByRole("checkbox");
  await expect(picks.first()).toBeVisible();
  await page.getByRole("checkbox", { name: "Select all shown" }).check();
  for (const pick of await picks.all()) await expect(pick).toBeChecked();
  await page.getByRole("checkbox", { name: "Select all shown" }).uncheck();
  for (const pick of await picks.all()) await expect(pick).not.toBeChecked();

  await picks.nth(0).check();
  await picks.nth(1).check();
  const sender = page.getByTestId("disagreements-to-queue");
  await sender.getByRole("combobox", { name: "Queue" }).selectOption({ label: name });
  await sender.getByRole("button", { name: "Send to queue" }).click();
  await expect(sender.getByText("Added 2.")).toBeVisible();
  // Sent again, the same two are reported as already there, not added twice.
  await picks.nth(0).check();
  await picks.nth(1).check();
  await sender.getByRole("button", { name: "Send to queue" }).click();
  await expect(sender.getByText("Added 0, 2 already in the queue.")).toBeVisible();

  await page.goto(`/p/demo/queues/${queueId}`);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(
    page
      .getByTestId("queue-totals")
      .locator("div")
      .filter({ hasText: /^Items/ })
      .locator("dd"),
  ).toHaveText("2");
});

test("an admin sets the minimum of comparable items beside the agreement thresholds", async ({ page }) => {
  const ws = await newWorkspace("judge-min", { traces: 0 });
  await signIn(page.request, ws.admin);
  await page.goto(`/p/${ws.slug}/settings`);
  await page.getByLabel("Minimum comparable items").fill("40");
  await page.getByRole("button", { name: "Save minimum" }).click();
  await expect(page.getByText("Saved: judges need 40 comparable items.")).toBeVisible();
});
