import { readFile } from "node:fs/promises";
import { type Page, expect } from "@playwright/test";
import { parse as parseCsv } from "csv-parse/sync";
import { strFromU8, unzipSync } from "fflate";
import { parse as parseYaml } from "yaml";

// Steps on a dataset's screens shared by the specs: publishing a version, and downloading the
// `test` split of a version in every format, each file parsed back.

export const FORMATS = ["jsonl", "csv", "openai-chat", "openai-preference", "openai-evals", "promptfoo", "promptfoo-json", "mlflow", "hf"] as const;

const jsonLines = (text: string) =>
  text
    .trimEnd()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as unknown);

/** What a download holds, parsed by its format: the number of records it carries. */
export function records(format: (typeof FORMATS)[number], bytes: Buffer): number {
  const text = bytes.toString("utf8");
  if (format === "csv") return (parseCsv(text, { columns: true }) as unknown[]).length;
  if (format === "promptfoo") return (parseYaml(text) as unknown[]).length;
  if (format === "promptfoo-json") return (JSON.parse(text) as unknown[]).length;
  if (format === "hf") {
    const files = unzipSync(new Uint8Array(bytes));
    expect(strFromU8(files["README.md"])).toContain("expert-generated");
    return jsonLines(strFromU8(files["data/test.jsonl"])).length;
  }
  return jsonLines(text).length;
}

export async function publish(page: Page, note: string, number: number) {
  await page.getByRole("navigation", { name: "Dataset" }).getByRole("link", { name: "Versions", exact: true }).click();
  await page.getByTestId("publish-version").click();
  const dialog = page.getByRole("dialog", { name: `Publish version ${number}` });
  await dialog.getByLabel("Note").fill(note);
  await dialog.getByRole("button", { name: "Publish" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("version-table")).toContainText(`v${number}`);
  await expect(page.getByTestId("version-table")).toContainText(note);
}

/** Downloads the `test` split of a version in every format and checks each file's name and record count. */
export async function downloadEach(
  page: Page,
  { version, prefix, records: expected }: { version: string; prefix: string; records: (format: (typeof FORMATS)[number]) => number },
) {
  await page.getByRole("navigation", { name: "Dataset" }).getByRole("link", { name: "Download", exact: true }).click();
  await page.getByTestId("download-version").selectOption(version);
  await page.getByTestId("download-split").selectOption("test");
  for (const format of FORMATS) {
    await page.getByTestId("download-format").selectOption(format);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-link").click()]);
    expect(download.suggestedFilename(), format).toMatch(new RegExp(`^${prefix}[.-]`));
    const bytes = await readFile((await download.path())!);
    expect(records(format, bytes), format).toBe(expected(format));
  }
}
