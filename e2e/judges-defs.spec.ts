import { expect, test } from "@playwright/test";
import { BASE_URL, MODEL_STUB } from "./base-url";
import { apiCall, signIn } from "./fixtures";
import { MEMBER_PASSWORD, newWorkspace, stamp } from "./workspace";

// An admin defines a judge: a connection to the local model stub (over the API), a judge from
// the project's published rubric through the screens, the default template, v1 published
// behind a confirmation, a draft started from v1 and published as v2. A viewer only reads.

test("an admin creates a judge, publishes v1 and v2 from the editor; a viewer sees no controls", async ({ page }) => {
  test.setTimeout(120_000);
  const ws = await newWorkspace("judges", { traces: 2, queue: true });
  await signIn(page.request, ws.admin);
  const connection = await apiCall(page, "POST", `/api/projects/${ws.slug}/connections`, {
    name: `Stub ${stamp()}`,
    baseUrl: MODEL_STUB.url,
    models: [{ name: "stub-ok" }],
  });
  expect(connection.status(), await connection.text()).toBe(201);

  await page.goto(`/p/${ws.slug}`);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Judges" }).click();
  await expect(page.getByText("No judges yet.")).toBeVisible();
  const name = `faithful-${stamp()}`;
  await page.getByRole("button", { name: "New judge" }).click();
  await page.getByLabel(/^Name/).fill(name);
  await page.getByLabel("Description").fill("Is the answer supported by the context?");
  await page.getByRole("button", { name: "Create judge" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  for (const link of ["Runs", "Compare with people", "Calibration set"]) {
    await expect(page.getByRole("navigation", { name: "Judge" }).getByRole("link", { name: link })).toBeVisible();
  }

  // The rubric's first judgeable criterion is chosen by default; its mode decides the variables.
  const criterion = page.getByLabel("Criterion", { exact: true });
  await expect(criterion.locator("option")).not.toHaveCount(0);
  await expect(page.getByLabel("Model", { exact: true })).toHaveValue("stub-ok");
  const template = page.getByLabel("Template", { exact: true });
  await template.fill("{{nonsense}}");
  await expect(page.getByRole("alert").filter({ hasText: "Unknown variable {{nonsense}}" })).toContainText("line 1, column 1");
  await page.getByRole("button", { name: "Use default template" }).click();
  await expect(template).toHaveValue(/\{\{criterion\}\}/);
  await page.getByLabel("Change note").fill("First version");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { name: "Draft", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.getByRole("dialog", { name: "Publish v1?" }).getByRole("button", { name: "Publish v1" }).click();
  const versions = page.getByTestId("judge-versions");
  await expect(versions).toContainText("v1");
  await expect(versions).toContainText("First version");
  await expect(page.getByRole("heading", { name: "New draft" })).toBeVisible();

  await page.getByRole("button", { name: "New draft from v1" }).click();
  await expect(page.getByRole("heading", { name: "Draft", exact: true })).toBeVisible();
  await expect(template).toHaveValue(/\{\{criterion\}\}/);
  await page.getByLabel("Temperature").fill("0.2");
  await page.getByLabel("Change note").fill("Warmer");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.getByRole("dialog", { name: "Publish v2?" }).getByRole("button", { name: "Publish v2" }).click();
  await expect(versions).toContainText("Warmer");
  const latest = await apiCall(page, "GET", `/api/projects/${ws.slug}/judges/${name}/versions/latest`);
  expect(await latest.json()).toMatchObject({ version: 2, parameters: { temperature: 0.2 }, changeNote: "Warmer" });

  const viewer = await page.context().browser()!.newContext({ baseURL: BASE_URL });
  const viewerPage = await viewer.newPage();
  await signIn(viewerPage.request, ws.members.VIEWER.email, MEMBER_PASSWORD);
  await viewerPage.goto(`/p/${ws.slug}/judges`);
  await expect(viewerPage.getByRole("button", { name: "New judge" })).toHaveCount(0);
  await viewerPage.getByRole("link", { name }).click();
  await expect(viewerPage.getByTestId("judge-versions")).toContainText("Warmer");
  await expect(viewerPage.getByLabel("Template", { exact: true })).toContainText("{{criterion}}");
  for (const control of ["Save draft", "Publish", "New draft from v1", "Use default template", "Discard draft"]) {
    await expect(viewerPage.getByRole("button", { name: control })).toHaveCount(0);
  }
  await viewer.close();
});
