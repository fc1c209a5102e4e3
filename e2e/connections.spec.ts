import { expect, test } from "@playwright/test";
import { MODEL_STUB } from "./base-url";
import { signIn } from "./fixtures";
import { MEMBER_PASSWORD, newWorkspace, stamp } from "./workspace";
import { type ModelStub, startModelStub } from "@/tests/support/model-stub";

// An admin connects a project to a model (the local stub), tests it, edits it, rotates its key
// and deletes it; a viewer sees the connections without any control to change them.

let stub: ModelStub;
test.beforeAll(async () => {
  stub = await startModelStub({ port: MODEL_STUB.port, apiKey: "sk-e2e-second-key" });
});
test.afterAll(() => stub.close());

test("an admin adds a connection, tests it, edits it, rotates its key and deletes it; a viewer only reads", async ({ page }) => {
  test.setTimeout(90_000);
  const ws = await newWorkspace("conn", { traces: 0 });
  const name = `Stub ${stamp()}`;
  await signIn(page.request, ws.admin);
  await page.goto(`/p/${ws.slug}/settings`);
  await page.getByRole("link", { name: "Manage model connections" }).click();
  await expect(page.getByText("No model connections yet.")).toBeVisible();

  await page.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toBeFocused();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Base URL").fill(MODEL_STUB.url);
  await page.getByLabel("API key (optional)").fill("sk-e2e-first-key");
  await page.getByLabel("Model 1", { exact: true }).fill("stub-ok");
  await page.getByLabel("Input", { exact: true }).fill("0.15");
  await page.getByLabel("Output", { exact: true }).fill("0.6");
  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("Header 1 name", { exact: true }).fill("X-Team");
  await page.getByLabel("Value", { exact: true }).fill("red-team-secret");
  await page.getByRole("button", { name: "Add connection" }).click();
  const row = page.getByTestId(`connection-${name}`);
  await expect(row).toContainText("stub-ok (0.15/0.6 per M)");
  await expect(row).toContainText("key stored");
  await expect(row).toContainText("headers: X-Team");
  await expect(page.locator("body")).not.toContainText("sk-e2e-first-key");

  // The stub expects another key: the test shows the provider's refusal, word for word.
  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(row.getByRole("alert")).toContainText("HTTP 401: Incorrect API key provided.");

  await row.getByRole("button", { name: "Rotate key" }).click();
  const dialog = page.getByRole("dialog", { name: `New API key for "${name}"` });
  await dialog.getByLabel("New API key").fill("sk-e2e-second-key");
  await dialog.getByRole("button", { name: "Replace key" }).click();
  await expect(dialog).toBeHidden();
  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(row.getByRole("status")).toContainText("stub-ok answered in");
  await expect(row.getByRole("status")).toContainText("OK");
  expect(stub.requests.at(-1)!.headers["x-team"]).toBe("red-team-secret");

  await row.getByRole("button", { name: "Edit" }).click();
  await page.getByRole("button", { name: "Add model" }).click();
  await page.getByLabel("Model 2", { exact: true }).fill("stub-429");
  await page.getByLabel("Structured output").selectOption("json_object");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(row).toContainText("stub-429 (0/0 per M) · json_object");
  // The header's value was left empty: kept, not erased.
  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(row.getByRole("status")).toContainText("OK");
  expect(stub.requests.at(-1)!.headers["x-team"]).toBe("red-team-secret");

  const viewer = await page.context().browser()!.newContext();
  const viewerPage = await viewer.newPage();
  await signIn(viewerPage.request, ws.members.VIEWER.email, MEMBER_PASSWORD);
  await viewerPage.goto(`/p/${ws.slug}/settings/connections`);
  await expect(viewerPage.getByTestId(`connection-${name}`)).toContainText("stub-ok");
  for (const control of ["Add connection", "Test connection", "Edit", "Rotate key", "Delete"]) {
    await expect(viewerPage.getByRole("button", { name: control })).toHaveCount(0);
  }
  await viewer.close();

  await row.getByRole("button", { name: "Delete" }).click();
  await page
    .getByRole("dialog", { name: `Delete "${name}"?` })
    .getByRole("button", { name: "Delete connection" })
    .click();
  await expect(page.getByText("No model connections yet.")).toBeVisible();
});
