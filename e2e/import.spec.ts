import { spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { BASE_URL } from "./base-url";
import { DEMO, apiCall, signIn } from "./fixtures";

// File imports in their own project (the demo project's traces are the explorer tests'
// fixture): a CSV through the browser, and JSONL through the `assay` command.

async function newProject(page: Page, prefix: string): Promise<string> {
  const slug = `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  await signIn(page.request, DEMO.admin);
  expect((await apiCall(page, "POST", "/api/projects", { name: `Imports ${slug}`, slug })).status()).toBe(201);
  return slug;
}

test("a CSV uploaded in the browser: preview, column mapping, progress, the rejected row, the traces in the explorer", async ({ page }) => {
  const slug = await newProject(page, "imp");
  await page.goto(`/p/${slug}/traces`);
  await page.getByRole("link", { name: "Import file" }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${slug}/traces/import$`));

  const csv = [
    "ref,question,reply,team,when",
    "csv-1,What is 2+2?,4,math,2026-11-01T10:00:00Z",
    "csv-2,Bad time,x,ops,last tuesday",
    "csv-3,<script>alert(1)</script>,ok,web,2026-11-02T10:00:00Z",
  ].join("\n");
  await page.locator("input[type=file]").setInputFiles({ name: "../../etc/passwd.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload" }).click();

  await expect(page.getByTestId("import-preview")).toContainText("What is 2+2?");
  // "ref", "reply" and "team" are not guessed; "question" is.
  await expect(page.getByLabel("Field for column question")).toHaveValue("input");
  await page.getByLabel("Field for column ref").selectOption("id");
  await page.getByLabel("Field for column reply").selectOption("output");
  await page.getByLabel("Field for column team").selectOption("metadata.team");
  await expect(page.getByLabel("Field for column when")).toHaveValue("startTime");
  await page.getByRole("button", { name: "Start import" }).click();

  await expect(page.getByTestId("import-status")).toHaveText("DONE", { timeout: 20_000 });
  await expect(page.getByTestId("import-counts")).toContainText("2 accepted · 1 rejected");
  // Row 3 of the file (the header is row 1) names no instant: rejected, its neighbours kept.
  const rejected = page.getByRole("table", { name: "Rejected rows" }).getByRole("row");
  await expect(rejected).toHaveCount(2);
  await expect(rejected.nth(1)).toContainText("3");
  await expect(rejected.nth(1)).toContainText("validation_failed");
  await expect(page.getByRole("table", { name: "Past imports" })).toContainText("passwd.csv");

  await page.goto(`/p/${slug}/traces`);
  await expect(page.locator("[data-testid^=trace-row-]")).toHaveCount(2);
  await expect(page.getByTestId("trace-row-csv-3")).toContainText("<script>alert(1)</script>");
});

test("the assay command imports a JSONL file through the API from outside the repository", async ({ page }) => {
  const slug = await newProject(page, "cli");
  const created = await apiCall(page, "POST", `/api/projects/${slug}/api-keys`, { name: "cli", scope: "INGEST" });
  expect(created.status()).toBe(201);
  const { secret: key } = (await created.json()) as { secret: string };
  const dir = await mkdtemp(path.join(tmpdir(), "assay-cli-"));
  const file = path.join(dir, "traces.jsonl");
  const lines = [
    JSON.stringify({ id: "cli-1", name: "one", input: "q", output: "a" }),
    "{oops",
    JSON.stringify({ name: "two", input: "no id" }),
    JSON.stringify({ id: "cli-4", startTime: "not a time" }),
    JSON.stringify({ id: "cli-5", name: "five" }),
  ];
  await writeFile(file, `${lines.join("\n")}\n`);

  const run = (...extra: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      // From another directory, by absolute path: how the README says to run it.
      const child = spawn(process.execPath, [path.resolve("cli/assay.mjs"), "import", "traces", file, "--url", BASE_URL, "--batch", "2", ...extra], {
        cwd: dir,
        env: { ...process.env, ASSAY_API_KEY: key },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("exit", (code) => resolve({ code, stdout, stderr }));
    });

  const first = await run();
  expect(first.code, first.stderr).toBe(1);
  expect(first.stdout).toMatch(/^line 2: invalid_json: /m);
  expect(first.stdout).toMatch(/^line 4: validation_failed: /m);
  expect(first.stderr).toContain("done: 3 accepted, 2 rejected");

  // Running again from line 3 merges into the same traces: the id-less row has a stable id.
  const again = await run("--resume-from", "3");
  expect(again.stderr).toContain("done: 2 accepted, 1 rejected");
  const listed = await page.request.get(`/api/projects/${slug}/traces`);
  const names = ((await listed.json()) as { items: { name: string | null }[] }).items.map((t) => t.name).sort();
  expect(names).toEqual(["five", "one", "two"]);

  const wrongKey = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [path.resolve("cli/assay.mjs"), "import", "traces", file, "--url", BASE_URL], {
      env: { ...process.env, ASSAY_API_KEY: "assay_wrong" },
    });
    child.on("exit", resolve);
  });
  expect(wrongKey).toBe(2);
});
