import { expect, test } from "@playwright/test";
import { JUDGE_STUB } from "./base-url";
import { DEMO, apiCall, signIn } from "./fixtures";
import { MEMBER_PASSWORD, newWorkspace, stamp } from "./workspace";
import { type ModelStub, startModelStub } from "@/tests/support/model-stub";

// The whole loop of an LLM judge in the browser, on the demo project: an admin connects the
// project to a model (the local stub), creates a judge from the demo rubric's helpfulness
// criterion, previews its prompt for a demo trace, publishes v1 and runs it on the demo queue
// while a progress bar moves; reads the comparison with people, sends two disagreements to the
// calibration set, publishes v2 showing them, runs v2 and compares it with v1 on the items
// neither version saw as an example. In a project of its own: a judge run from the traces
// explorer on checked traces and on a filter, then archived and brought back.

let stub: ModelStub;
test.beforeAll(async () => {
  stub = await startModelStub({ port: JUDGE_STUB.port, latencyMs: 40 });
});
test.afterAll(() => stub.close());

async function runOnDemoQueue(page: import("@playwright/test").Page, judgeName: string, version: number) {
  await page.goto(`/p/demo/judges/${judgeName}`);
  await page.getByRole("navigation", { name: "Judge" }).getByRole("link", { name: "Run", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Run ${judgeName} v${version}` })).toBeVisible();
  await page.getByRole("combobox", { name: "Queue" }).selectOption({ label: "Weekly review: answers to check (single)" });
  await page.getByRole("button", { name: "Estimate" }).click();
  // Other specs add items to the demo queue, so the count is read, not assumed.
  await expect(page.getByTestId("run-estimate")).toContainText(/^[1-9]\d* targets \(0 already judged left out\)/);
  await page.getByRole("button", { name: "Start run" }).click();
  const progress = page.getByRole("progressbar", { name: "Run progress" });
  await expect(progress).toBeVisible();
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 60_000 });
  await expect(progress).toHaveAttribute("aria-valuenow", "100");
}

test("an admin connects a model, defines a judge, runs it on the demo queue, calibrates it from its disagreements and compares v2 with v1", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const connection = `Stub ${stamp()}`;
  const judgeName = `helpful-${stamp()}`;
  await signIn(page.request, DEMO.admin);

  await page.goto("/p/demo/settings/connections");
  await page.getByRole("button", { name: "Add connection" }).click();
  await page.getByLabel("Name", { exact: true }).fill(connection);
  await page.getByLabel("Base URL").fill(JUDGE_STUB.url);
  await page.getByLabel("Model 1", { exact: true }).fill("stub-ok");
  await page.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByTestId(`connection-${connection}`)).toContainText("stub-ok");

  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Judges" }).click();
  await page.getByRole("button", { name: "New judge" }).click();
  await page.getByLabel(/^Name/).fill(judgeName);
  await page.getByRole("button", { name: "Create judge" }).click();
  await expect(page.getByRole("heading", { name: judgeName })).toBeVisible();
  await page.getByLabel("Criterion", { exact: true }).selectOption({ label: "Helpfulness (scale)" });
  await page.getByLabel("Connection", { exact: true }).selectOption({ label: connection });
  await expect(page.getByLabel("Model", { exact: true })).toHaveValue("stub-ok");
  await page.getByRole("button", { name: "Use default template" }).click();
  await page.getByLabel("Change note").fill("First version");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { name: "Draft", exact: true })).toBeVisible();

  // The filled prompt for one demo trace, before anything is sent.
  const sentBefore = stub.requests.length;
  const preview = page.getByRole("region", { name: "Prompt preview" });
  await preview.getByLabel("Trace id").fill("demo-001");
  await preview.getByRole("button", { name: "Preview" }).click();
  await expect(preview).toContainText("Helpfulness");
  await expect(preview).toContainText("Answer with one JSON object");
  expect(stub.requests.length).toBe(sentBefore);

  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.getByRole("dialog", { name: "Publish v1?" }).getByRole("button", { name: "Publish v1" }).click();
  await expect(page.getByTestId("judge-versions")).toContainText("First version");

  await runOnDemoQueue(page, judgeName, 1);

  await page.goto(`/p/demo/judges/${judgeName}/agreement`);
  await expect(page.getByTestId("comparable").first()).not.toHaveText("0");
  await expect(page.getByTestId("figures").first()).toContainText("Cohen's κ");
  const picks = page.getByTestId("judge-disagreements").getByRole("checkbox");
  await picks.nth(0).check();
  await picks.nth(1).check();
  await page.getByRole("button", { name: "Add to calibration set" }).click();
  await expect(page.getByText("Added 2 examples to the calibration set.")).toBeVisible();

  await page.goto(`/p/demo/judges/${judgeName}`);
  await page.getByRole("button", { name: "New draft from v1" }).click();
  await expect(page.getByRole("heading", { name: "Draft", exact: true })).toBeVisible();
  const examples = page.getByRole("group", { name: "Calibration examples" }).getByRole("checkbox");
  await expect(examples).toHaveCount(2);
  await examples.nth(0).check();
  await examples.nth(1).check();
  await page.getByLabel("Change note").fill("With two calibration examples");
  await page.getByRole("button", { name: "Save draft" }).click();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.getByRole("dialog", { name: "Publish v2?" }).getByRole("button", { name: "Publish v2" }).click();
  await expect(page.getByTestId("judge-versions")).toContainText("With two calibration examples");

  await runOnDemoQueue(page, judgeName, 2);

  await page.goto(`/p/demo/judges/${judgeName}/agreement?version=v2&against=v1`);
  await expect(page.getByTestId("held-out").first()).toHaveText("2");
  await expect(page.getByText("items left out because one of the versions used them as calibration examples")).toBeVisible();
  await expect(page.getByTestId("comparison-self")).toBeVisible();
  await expect(page.getByTestId("comparison-other")).toBeVisible();
});

test("from the explorer, a judge runs on two checked traces and on a filter; archived, it leaves the explorer until brought back", async ({ page }) => {
  test.setTimeout(150_000);
  const ws = await newWorkspace("judge-explorer", { traces: 3, queue: true });
  const judgeName = `explorer-${stamp()}`;
  const connection = `Stub ${stamp()}`;
  await signIn(page.request, ws.admin);
  const created = await apiCall(page, "POST", `/api/projects/${ws.slug}/connections`, {
    name: connection,
    baseUrl: JUDGE_STUB.url,
    models: [{ name: "stub-ok" }],
  });
  expect(created.status(), await created.text()).toBe(201);

  await page.goto(`/p/${ws.slug}/traces`);
  await expect(page.getByTestId("add-to-judge-empty")).toContainText("No judge can run on traces yet");

  expect((await apiCall(page, "POST", `/api/projects/${ws.slug}/judges`, { name: judgeName })).status()).toBe(201);
  await page.goto(`/p/${ws.slug}/judges/${judgeName}`);
  await page.getByLabel("Connection", { exact: true }).selectOption({ label: connection });
  await page.getByLabel("Template", { exact: true }).fill("Input: {{input}}\nOutput: {{output}}\n\n{{criterion}}");
  await page.getByLabel("Calls in flight (optional)").fill("2");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { name: "Draft", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.getByRole("dialog", { name: "Publish v1?" }).getByRole("button", { name: "Publish v1" }).click();
  await expect(page.getByTestId("judge-versions")).toContainText("v1");
  // The next draft starts from v1, its calls in flight included.
  await expect(page.getByLabel("Calls in flight (optional)")).toHaveValue("2");

  await page.goto(`/p/${ws.slug}/traces`);
  const runJudge = page.getByTestId("add-to-judge");
  await runJudge.getByLabel("Run a judge").selectOption(`${judgeName}@1`);
  await page.getByLabel(`Select trace ${ws.traces[0]}`).check();
  await page.getByLabel(`Select trace ${ws.traces[1]}`).check();
  await runJudge.getByRole("button", { name: "Run on 2 selected" }).click();
  await expect(page.getByRole("heading", { name: `Run ${judgeName} v1` })).toBeVisible();
  await expect(page.getByTestId("run-target-traces")).toHaveText("2 selected traces");
  await page.getByRole("button", { name: "Estimate" }).click();
  await expect(page.getByTestId("run-estimate")).toContainText(/^2 targets \(0 already judged left out\), 2 calls/);
  await page.getByRole("button", { name: "Start run" }).click();
  const progress = page.getByRole("progressbar", { name: "Run progress" });
  await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 60_000 });
  await expect(progress).toHaveAttribute("aria-valuenow", "100");

  // Every trace matching a filter: the two judged already are left out of the estimate.
  await page.goto(`/p/${ws.slug}/traces?name=answer`);
  await page.getByTestId("add-to-judge").getByRole("button", { name: "Run on all matching" }).click();
  await expect(page.getByTestId("run-target-traces")).toHaveText('Traces matching: name "answer"');
  await page.getByRole("button", { name: "Estimate" }).click();
  await expect(page.getByTestId("run-estimate")).toContainText(/^1 targets \(2 already judged left out\)/);

  await page.goto(`/p/${ws.slug}/judges/${judgeName}`);
  const judgeNav = page.getByRole("navigation", { name: "Judge" });
  await expect(judgeNav.getByRole("link", { name: "Run", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Archive" }).click();
  await page
    .getByRole("dialog", { name: `Archive ${judgeName}?` })
    .getByRole("button", { name: "Archive" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${judgeName}archived`);
  await expect(judgeNav.getByRole("link", { name: "Run", exact: true })).toHaveCount(0);
  await page.goto(`/p/${ws.slug}/traces`);
  await expect(page.getByTestId("add-to-judge-empty")).toBeVisible();

  await page.goto(`/p/${ws.slug}/judges`);
  await expect(page.getByTestId("archived-judge-list")).toContainText(judgeName);
  await page.getByRole("button", { name: `Bring back ${judgeName}` }).click();
  await expect(page.getByTestId("judge-list")).toContainText(judgeName);
  await expect(page.getByTestId("archived-judge-list")).toHaveCount(0);
  await page.goto(`/p/${ws.slug}/traces`);
  await expect(page.getByTestId("add-to-judge").getByLabel("Run a judge")).toHaveValue(`${judgeName}@1`);

  // A viewer may read traces and judges but not run them: no control, not even its empty state.
  await signIn(page.request, ws.members.VIEWER.email, MEMBER_PASSWORD);
  await page.goto(`/p/${ws.slug}/traces`);
  await expect(page.getByTestId("trace-list")).toBeVisible();
  await expect(page.getByTestId("add-to-judge")).toHaveCount(0);
  await expect(page.getByTestId("add-to-judge-empty")).toHaveCount(0);
});
