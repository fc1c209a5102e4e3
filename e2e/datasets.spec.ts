import { type Page, expect, test } from "@playwright/test";
import { downloadEach, publish } from "./dataset-screens";
import { DEMO, apiCall, signIn } from "./fixtures";
import { MEMBER_PASSWORD, json, newWorkspace, signedIn, stamp } from "./workspace";

// Golden datasets from the screens, each test in a project of its own: an engineer builds and
// publishes two versions and downloads a split in every format; an admin deletes a dataset
// after typing its name; a viewer sees no write controls; an expert has no Datasets at all.

async function createDataset(page: Page, name: string) {
  await page.getByTestId("new-dataset").click();
  const dialog = page.getByRole("dialog", { name: "New dataset" });
  await dialog.getByLabel("Name (unique in this project)").fill(name);
  await dialog.getByLabel("Description").fill("Questions the bot must get right");
  await dialog.getByRole("button", { name: "Create dataset" }).click();
  await expect(page.getByTestId("dataset-name")).toHaveText(name);
}

async function addItem(page: Page, input: string, expected: string, splits: string) {
  await page.getByTestId("add-item").click();
  const dialog = page.getByRole("dialog", { name: "Add an item by hand" });
  await dialog.getByLabel("Input", { exact: true }).fill(input);
  await dialog.getByLabel("Expected output", { exact: true }).fill(expected);
  await dialog.getByLabel("Splits (comma-separated)").fill(splits);
  await dialog.getByRole("button", { name: "Add item" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("item-table")).toContainText(input);
}

test("an engineer creates a dataset, adds items, publishes two versions and downloads the test split in every format", async ({ page }) => {
  test.setTimeout(120_000);
  const ws = await newWorkspace("datasets", { traces: 0 });
  await signIn(page.request, ws.members.ENGINEER.email, MEMBER_PASSWORD);
  await page.goto(`/p/${ws.slug}`);
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Datasets" }).click();
  await expect(page.getByTestId("datasets-empty")).toBeVisible();
  const name = `Support ${stamp()}`;
  await createDataset(page, name);
  await expect(page.getByTestId("items-empty")).toBeVisible();

  await addItem(page, "How long do deleted files stay in Trash?", "30 days on Personal plans.", "test");
  await addItem(page, "How do I share a folder?", "Open the folder and choose Share.", "train");
  // A near-duplicate is pointed out with the path it fails on, and nothing is added.
  await page.getByTestId("add-item").click();
  const again = page.getByRole("dialog", { name: "Add an item by hand" });
  await again.getByLabel("Input", { exact: true }).fill("how do i SHARE a folder");
  await again.getByRole("button", { name: "Add item" }).click();
  await expect(again.getByRole("alert")).toContainText("near-duplicate");
  await expect(again.getByTestId("error-fields")).toContainText("input");
  await again.getByRole("button", { name: "Cancel" }).click();
  // A preference pair (the form writes single answers; pairs come from queues or the API).
  const datasetId = page.url().split("/datasets/")[1].split(/[?/]/)[0];
  const pair = await apiCall(page, "POST", `/api/projects/${ws.slug}/datasets/${datasetId}/items`, {
    items: [{ input: "Which plan keeps files longest?", preference: { preferred: "Business: 90 days.", rejected: "All plans: 30 days." }, splits: ["test"] }],
  });
  expect(pair.status()).toBe(207);

  await publish(page, "First cut", 1);

  await page.getByRole("navigation", { name: "Dataset" }).getByRole("link", { name: "Items", exact: true }).click();
  await page.getByTestId("item-link").filter({ hasText: "How long do deleted files" }).click();
  const panel = page.getByTestId("item-panel");
  await expect(panel).toContainText("Revision 1");
  await expect(page.getByTestId("item-lineage")).toContainText("by hand");
  await page.getByTestId("edit-item").click();
  const edit = page.getByRole("dialog", { name: "Edit item: saved as a new revision" });
  await edit.getByLabel("Expected output", { exact: true }).fill("30 days on Personal plans, 90 days on Business plans.");
  await edit.getByRole("button", { name: "Save revision" }).click();
  await expect(panel).toContainText("Revision 2");
  await expect(page.getByTestId("item-revisions").locator("li")).toHaveCount(2);

  await publish(page, "Business plans added", 2);

  // Both test items, except where a format takes only pairs (openai-preference).
  await downloadEach(page, { version: "2", prefix: `${name.replace(/ /g, "-")}-v2-test`, records: (format) => (format === "openai-preference" ? 1 : 2) });
});

test("an admin deletes a dataset only after typing its exact name", async ({ page }) => {
  test.setTimeout(90_000);
  const ws = await newWorkspace("dsdelete", { traces: 0 });
  await signIn(page.request, DEMO.admin);
  const name = `Doomed ${stamp()}`;
  const created = await apiCall(page, "POST", `/api/projects/${ws.slug}/datasets`, { name });
  const { id } = (await created.json()) as { id: string };
  await page.goto(`/p/${ws.slug}/datasets/${id}`);
  await page.getByTestId("delete-dataset").click();
  const dialog = page.getByRole("dialog", { name: `Delete “${name}”?` });
  const confirm = dialog.getByRole("button", { name: "Delete for good" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type ${name}`).fill(name.toLowerCase());
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type ${name}`).fill(name);
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(page).toHaveURL(new RegExp(`/p/${ws.slug}/datasets$`));
  await expect(page.getByTestId("datasets-empty")).toBeVisible();
  expect((await apiCall(page, "GET", `/api/projects/${ws.slug}/datasets/${id}`)).status()).toBe(404);
});

test("a viewer reads datasets without any write control, and an expert has no Datasets", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const ws = await newWorkspace("dsroles", { traces: 0 });
  const admin = await signedIn(DEMO.admin);
  const dataset = await json<{ id: string }>(admin, "POST", `/api/projects/${ws.slug}/datasets`, { name: `Read only ${stamp()}` });
  await json(admin, "POST", `/api/projects/${ws.slug}/datasets/${dataset.id}/items`, { items: [{ input: "Hello?", expectedOutput: "Hi.", splits: ["test"] }] });
  await json(admin, "POST", `/api/projects/${ws.slug}/datasets/${dataset.id}/versions`, { note: "v1" });
  await admin.dispose();

  await signIn(page.request, ws.members.VIEWER.email, MEMBER_PASSWORD);
  await page.goto(`/p/${ws.slug}/datasets`);
  await expect(page.getByTestId("dataset-list")).toContainText("Read only");
  await expect(page.getByTestId("new-dataset")).toHaveCount(0);
  await page.goto(`/p/${ws.slug}/datasets/${dataset.id}`);
  await expect(page.getByTestId("item-table")).toContainText("Hello?");
  for (const control of ["add-item", "delete-dataset"]) await expect(page.getByTestId(control)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Archive" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Add from a queue" })).toHaveCount(0);
  await page.getByTestId("item-link").first().click();
  await expect(page.getByTestId("item-panel")).toBeVisible();
  await expect(page.getByTestId("edit-item")).toHaveCount(0);
  await page.getByRole("navigation", { name: "Dataset" }).getByRole("link", { name: "Versions", exact: true }).click();
  await expect(page.getByTestId("version-table")).toContainText("v1");
  await expect(page.getByTestId("publish-version")).toHaveCount(0);

  const expert = await browser.newPage();
  await signIn(expert.request, ws.members.EXPERT.email, MEMBER_PASSWORD);
  await expert.goto(`/p/${ws.slug}`);
  await expect(expert.getByRole("navigation", { name: "Project" })).toBeVisible();
  await expect(expert.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Datasets" })).toHaveCount(0);
  await expert.goto(`/p/${ws.slug}/datasets`);
  await expect(expert.getByText("Not available to your role")).toBeVisible();
  await expert.close();
});
