import { type Page, expect, test } from "@playwright/test";
import { DEMO, apiCall, signIn } from "./fixtures";

// The trace explorer on the demo project: 50 traces demo-001 … demo-050 (newest), every
// seventh tagged "escalated", releases v1.4.0 and v1.5.0 in blocks of ten.

async function rowIds(page: Page): Promise<string[]> {
  const rows = page.locator("[data-testid^=trace-row-]");
  return (await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")!.replace("trace-row-", "")))).sort();
}

test("filters write themselves into the URL, and the URL alone reproduces the view", async ({ page, browser }) => {
  await signIn(page.request, DEMO.engineer);
  await page.goto("/p/demo");
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Traces" }).click();
  await expect(page).toHaveURL(/\/p\/demo\/traces$/);
  await expect(page.locator("[data-testid^=trace-row-]")).toHaveCount(50);

  await page.getByText("More filters").click();
  await page.getByLabel("Tags (all of)").fill("escalated");
  await page.getByLabel("Release").fill("v1.4.0");
  await page.getByLabel("Tags (all of)").press("Enter");
  await expect(page).toHaveURL(/tags=escalated/);
  await expect(page).toHaveURL(/release=v1\.4\.0/);
  // i % 7 == 0 among traces of release v1.4.0 (i in 0-9, 20-29, 40-49): 0, 7, 21, 28, 42, 49.
  const expected = ["demo-001", "demo-008", "demo-022", "demo-029", "demo-043", "demo-050"];
  await expect(page.locator("[data-testid^=trace-row-]")).toHaveCount(expected.length);
  expect(await rowIds(page)).toEqual(expected);

  // Someone else opening the same address sees the same traces, with the form filled in.
  const shared = await browser.newPage();
  await signIn(shared.request, DEMO.admin);
  await shared.goto(page.url());
  await expect(shared.getByLabel("Tags (all of)")).toHaveValue("escalated");
  expect(await rowIds(shared)).toEqual(expected);

  await page.getByRole("searchbox").fill('"zebra quantum"');
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=%22zebra(\+|%20)quantum%22/);
  await expect(page.getByTestId("traces-empty")).toContainText("No traces match these filters");
  await page.getByRole("link", { name: "Clear the filters" }).click();
  await expect(page.locator("[data-testid^=trace-row-]")).toHaveCount(50);
  await shared.close();
});

test("full-text search, metadata, model and score filters narrow the list", async ({ page }) => {
  await signIn(page.request, DEMO.engineer);
  await page.goto("/p/demo/traces?q=recovery+codes");
  expect((await rowIds(page)).length).toBeGreaterThan(0);
  for (const id of await rowIds(page)) expect(["05", "15", "25", "35", "45"].some((n) => id.endsWith(n))).toBe(true);
  await page.goto("/p/demo/traces?metaKey=topic&metaValue=billing");
  expect(await rowIds(page)).toEqual(["demo-007", "demo-017", "demo-027", "demo-037", "demo-047"]);
  await page.goto("/p/demo/traces?model=gpt-4.1-mini-2025-04-14");
  await expect(page.locator("[data-testid^=trace-row-]")).toHaveCount(20);
  await page.goto("/p/demo/traces?scoreName=nope");
  await expect(page.getByTestId("traces-empty")).toBeVisible();
  await page.goto("/p/demo/traces?metaKey=topic");
  await expect(page.getByRole("alert").filter({ hasText: "A metadata key needs a value" })).toBeVisible();
});

test("pages follow a keyset cursor and keep the filter", async ({ page }) => {
  await signIn(page.request, DEMO.engineer);
  await page.goto("/p/demo/traces?release=v1.5.0&limit=8");
  const seen: string[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const ids = await rowIds(page);
    seen.push(...ids);
    sizes.push(ids.length);
    const next = page.getByRole("link", { name: "Next page →" });
    if ((await next.count()) === 0) break;
    await next.click();
    // From the second page on the URL already holds a cursor: wait for the rows to change.
    await expect.poll(async () => (await rowIds(page)).some((id) => ids.includes(id))).toBe(false);
    await expect(page).toHaveURL(/cursor=/);
    // Pages are disjoint: wait until the previous page's rows are gone before reading the next.
    await expect(page.getByTestId(`trace-row-${ids[0]}`)).toHaveCount(0);
    await expect(page).toHaveURL(/release=v1\.5\.0/);
    await expect(page.getByRole("link", { name: "← Newest" })).toBeVisible();
  }
  expect(sizes).toEqual([8, 8, 4]);
  expect(new Set(seen).size).toBe(20);
  await page.getByRole("link", { name: "← Newest" }).click();
  await expect(page).not.toHaveURL(/cursor=/);
  await expect(page.getByTestId("trace-row-demo-040")).toBeVisible();
  // A tampered cursor is a message, not an error page.
  await page.goto("/p/demo/traces?cursor=garbage");
  await expect(page.getByRole("alert").filter({ hasText: "The cursor is not valid" })).toBeVisible();
});

test("the detail shows the conversation, the span waterfall, documents, scores and JSON", async ({ page }) => {
  await signIn(page.request, DEMO.engineer);
  await page.goto("/p/demo/traces");
  await page.getByRole("link", { name: "demo-011", exact: true }).click();
  await expect(page).toHaveURL(/\/p\/demo\/traces\/demo-011$/);
  await expect(page.getByTestId("trace-id")).toHaveText("demo-011");
  await expect(page.getByTestId("trace-input").locator("[data-role=user]")).toContainText("deleted a folder");
  await expect(page.getByTestId("trace-output").locator("[data-role=assistant]")).toContainText("Trash for 30 days");
  const waterfall = page.getByTestId("span-waterfall");
  await expect(waterfall.locator(":scope > li")).toHaveCount(3);
  const retrieval = page.getByTestId("span-s10-retrieve");
  await retrieval.locator("summary").first().focus();
  await page.keyboard.press("Enter");
  await expect(retrieval.getByTestId("retrieved-documents").locator("li")).toHaveCount(2);
  await expect(retrieval.getByTestId("retrieved-documents")).toContainText("Restoring deleted files");
  await page.getByTestId("span-s10-llm").locator("summary").first().click();
  await expect(page.getByTestId("span-s10-llm")).toContainText("gpt-4.1-mini-2025-04-14");
  const scores = page.getByTestId("trace-scores");
  await expect(scores).toContainText("faithfulness");
  await expect(scores).toContainText("LLM_JUDGE");
  await expect(scores).toContainText("faithfulness@v3");
  await expect(page.getByTestId("json-raw")).toContainText("locale");
  await page.goto("/p/demo/traces/no-such-trace");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("a trace whose output holds <script> shows it as text and runs nothing", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs++;
    await dialog.dismiss();
  });
  await signIn(page.request, DEMO.engineer);
  await page.goto("/p/demo/traces?q=alert");
  await expect(page.getByTestId("trace-row-demo-050")).toContainText("<script>alert('x')</script>");
  await page.goto("/p/demo/traces/demo-050");
  await expect(page.getByTestId("trace-output")).toContainText("You wrote: <script>alert('x')</script>");
  await expect(page.getByTestId("trace-input")).toContainText("<script>alert('x')</script>");
  expect(await page.locator("main script").count()).toBe(0);
  expect(dialogs).toBe(0);
});

test("an expert is refused the explorer, its API and the queue route", async ({ page }) => {
  await signIn(page.request, DEMO.expert);
  await page.goto("/p/demo");
  await expect(page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Traces" })).toHaveCount(0);
  await page.goto("/p/demo/traces");
  await expect(page.getByText("Not available to your role")).toBeVisible();
  await expect(page.locator("[data-testid^=trace-row-]")).toHaveCount(0);
  await page.goto("/p/demo/traces/demo-050");
  await expect(page.getByText("Not available to your role")).toBeVisible();
  await expect(page.getByText("<script>")).toHaveCount(0);
  expect((await apiCall(page, "GET", "/api/projects/demo/traces")).status()).toBe(403);
});

test("an engineer sends checked traces to the demo queue; repeats are reported, not added", async ({ page }) => {
  await signIn(page.request, DEMO.engineer);
  await page.goto("/p/demo/traces?sessionId=sess-23");
  await expect(page.locator("[data-testid^=trace-row-]")).toHaveCount(2);
  await page.getByLabel("Select trace demo-045").check();
  await page.getByLabel("Select trace demo-046").check();
  await page.getByRole("button", { name: "Add 2 selected to queue" }).click();
  await expect(page.getByTestId("add-to-queue").getByRole("status")).toHaveText("Added 2 traces to the queue.");
  // demo-001 … demo-020 were queued by the seed.
  await page.goto("/p/demo/traces?sessionId=sess-1");
  await page.getByRole("button", { name: "Add all matching to queue" }).click();
  await expect(page.getByTestId("add-to-queue").getByRole("status")).toHaveText("Added 0 traces to the queue. 2 already there, left as they were.");
  await page.goto("/p/demo/traces/demo-045");
  await expect(page.getByText("queued or labelled, content frozen")).toBeVisible();
});
