import { readFile } from "node:fs/promises";
import { type Page, expect, test } from "@playwright/test";
import { DEMO, apiCall, signIn } from "./fixtures";

const TYPES = ["BINARY", "SCALE", "CATEGORICAL", "MULTI", "NUMERIC", "TEXT", "CORRECTION", "PREFERENCE"] as const;
const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

async function addCriterion(page: Page, type: string) {
  await page.getByLabel("New criterion type").selectOption(type);
  await page.getByRole("button", { name: "Add criterion" }).click();
}

test("an admin builds a rubric of every criterion type, previews it by keyboard, publishes, and moves it to another project as YAML", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page.request, DEMO.admin);
  const slug = `every-type-${stamp()}`;
  await page.goto("/p/demo");
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Rubrics" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Every type");
  await page.getByLabel("Slug (unique in this project)").fill(slug);
  await page.getByRole("button", { name: "Create rubric" }).click();
  await expect(page.getByRole("heading", { name: "Draft of Every type" })).toBeVisible();

  // Guidelines render as markdown, never as raw HTML.
  await page.getByLabel("Guidelines (markdown, shown to experts beside every item)").fill("Judge the **final answer**. <img src=x onerror=alert(1)>");
  const rendered = page.getByLabel("Guidelines as experts see them");
  await expect(rendered.locator("strong")).toHaveText("final answer");
  await expect(rendered.locator("img")).toHaveCount(0);

  for (const type of TYPES) await addCriterion(page, type);
  for (const [i, type] of TYPES.entries()) {
    const criterion = page.getByTestId(`criterion-${i}`);
    await criterion.getByLabel("Key", { exact: true }).fill(type.toLowerCase());
    await criterion.getByLabel("Label", { exact: true }).fill(`The ${type.toLowerCase()} one`);
  }
  const scale = page.getByTestId("criterion-1");
  await scale.getByRole("button", { name: "Add example of level 5" }).click();
  await scale.getByLabel("Level 5 example 1").fill("A flawless answer that cites its source.");
  await expect(page.getByTestId("criterion-5").getByLabel("Measurement level")).toHaveValue("NONE");
  await page.getByTestId("criterion-4").getByLabel("Unit").fill("min");
  await page.getByTestId("criterion-7").getByLabel("Ask how much better (slightly, clearly, much)").check();
  // A duplicate key is caught by the shared validation before anything is sent.
  await page.getByTestId("criterion-2").getByLabel("Key", { exact: true }).fill("binary");
  await expect(page.getByTestId("criterion-2")).toContainText('The key "binary" is used twice');
  await page.getByTestId("criterion-2").getByLabel("Key", { exact: true }).fill("categorical");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Draft saved")).toBeVisible();

  // Preview by keyboard: digits answer the focused criterion, j moves on, Enter writes, Esc leaves.
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await preview.getByText("Press ? for keyboard shortcuts").click();
  await page.keyboard.press("1");
  await expect(preview.locator("#preview-binary-pass")).toBeChecked();
  await page.keyboard.press("j");
  await expect(preview.locator('[data-criterion="scale"]')).toHaveAttribute("data-focused", "true");
  await page.keyboard.press("5");
  await expect(preview.locator("#preview-scale-5")).toBeChecked();
  await preview.getByText("1 example of Excellent").click();
  await expect(preview.getByText("A flawless answer that cites its source.")).toBeVisible();
  await page.keyboard.press("j");
  await page.keyboard.press("2");
  await expect(preview.locator("#preview-categorical-no")).toBeChecked();
  await page.keyboard.press("j");
  await page.keyboard.press("1");
  await page.keyboard.press("2");
  await expect(preview.locator("#preview-multi-first")).toBeChecked();
  await expect(preview.locator("#preview-multi-second")).toBeChecked();
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await page.keyboard.type("7");
  await page.keyboard.press("Escape");
  await expect(preview.locator("#preview-numeric-number")).toHaveValue("7");
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  // Digits typed in a field are text, not shortcuts.
  await page.keyboard.type("Reason 1");
  await page.keyboard.press("Escape");
  await expect(preview.locator("#preview-text-text")).toHaveValue("Reason 1");
  await expect(preview.locator("#preview-binary-pass")).toBeChecked();
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await page.keyboard.type("The ideal answer.");
  await page.keyboard.press("Escape");
  await page.keyboard.press("j");
  await expect(preview.locator('[data-criterion="preference"]')).toHaveAttribute("data-focused", "true");
  await page.keyboard.press("1");
  await expect(preview.locator("#preview-preference-A")).toBeChecked();
  await preview.getByLabel("A clearly better").check();
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  // While the cheat sheet is open, digits do nothing.
  await page.keyboard.press("2");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();
  await expect(preview.locator("#preview-preference-A")).toBeChecked();
  await preview.getByRole("button", { name: "Check answers" }).click();
  await expect(preview.getByTestId("preview-result")).toBeVisible();

  await page.getByRole("button", { name: "Publish as v1…" }).click();
  await page.getByLabel("Change note").fill("First version");
  await page.getByRole("button", { name: "Publish v1" }).click();
  await expect(page.getByTestId("version-1")).toContainText("First version");
  const rubricUrl = page.url();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export YAML" }).click()]);
  expect(download.suggestedFilename()).toBe(`${slug}-v1.yaml`);
  const yamlPath = await download.path();
  const yaml = await readFile(yamlPath, "utf8");
  expect(yaml).toContain("format: assay.rubric/v1");
  expect(yaml).toContain("A flawless answer that cites its source.");

  const other = `second-${stamp()}`;
  expect((await apiCall(page, "POST", "/api/projects", { name: "Second project", slug: other })).status()).toBe(201);
  await page.goto(`/p/${other}/rubrics`);
  await expect(page.getByTestId("rubrics-empty")).toBeVisible();
  await page.getByLabel("Rubric file").setInputFiles(yamlPath);
  await page.getByLabel("Publish as v1").check();
  await page.getByRole("button", { name: "Import rubric" }).click();
  await expect(page.getByRole("heading", { name: "Every type" })).toBeVisible();
  await expect(page.getByTestId("version-1")).toContainText("First version");

  const importedId = new URL(page.url()).pathname.split("/").pop();
  const originalId = new URL(rubricUrl).pathname.split("/").pop();
  const again = await page.request.get(`/api/projects/${other}/rubrics/${importedId}/export?format=yaml`);
  const original = await page.request.get(`/api/projects/demo/rubrics/${originalId}/export?format=yaml`);
  expect(await again.text()).toBe(await original.text());
});

test("editing a published rubric starts v2, the diff shows what changed, and archiving keeps it", async ({ page }) => {
  await signIn(page.request, DEMO.admin);
  const created = await apiCall(page, "POST", "/api/projects/demo/rubrics", { slug: `rag-${stamp()}`, name: `RAG ${stamp()}`, template: "rag" });
  const { id, name } = (await created.json()) as { id: string; name: string };
  expect((await apiCall(page, "POST", `/api/projects/demo/rubrics/${id}/publish`, { changeNote: "From the template" })).status()).toBe(200);

  await page.goto(`/p/demo/rubrics/${id}`);
  await page.getByRole("button", { name: "Edit (starts the next draft)" }).click();
  await expect(page.getByText("Changes here become v2 when published; v1 stays as it is.")).toBeVisible();
  await page.getByTestId("criterion-0").getByLabel("Level 5 description").fill("Complete and cites the documents.");
  await page.getByRole("button", { name: "Publish as v2…" }).click();
  await page.getByLabel("Change note").fill("Sharper top anchor");
  await page.getByRole("button", { name: "Publish v2" }).click();
  await expect(page.getByTestId("version-2")).toContainText("Sharper top anchor");

  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page.getByRole("heading", { name: "v1 → v2" })).toBeVisible();
  await expect(page.getByTestId("diff-helpfulness")).toContainText("config.levels.4.description");
  await expect(page.getByTestId("diff-helpfulness")).toContainText("Complete and cites the documents.");
  await expect(page.getByTestId("diff-correct")).toContainText("unchanged");

  await page.goBack();
  await page.getByRole("button", { name: "Archive" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Archive rubric" }).click();
  await expect(page.getByText("Archived: no new queue can use this rubric.")).toBeVisible();
  await page.goto("/p/demo/rubrics?archived=1");
  await expect(page.getByRole("link", { name })).toBeVisible();
  await page.goto("/p/demo/rubrics");
  await expect(page.getByRole("link", { name })).toHaveCount(0);
});

test("an expert neither reads nor changes rubrics", async ({ page }) => {
  await signIn(page.request, DEMO.expert);
  await page.goto("/p/demo/rubrics");
  await expect(page.getByText("Not available to your role")).toBeVisible();
  expect((await apiCall(page, "GET", "/api/projects/demo/rubrics")).status()).toBe(403);
  const refused = await apiCall(page, "POST", "/api/projects/demo/rubrics", { slug: `x-${stamp()}`, name: "X" });
  expect(refused.status()).toBe(403);
});
