import { expect, test } from "@playwright/test";
import { BASE_URL } from "./base-url";
import { DEMO, apiCall, signIn } from "./fixtures";

// A trace page answers with the status of what it shows: 404 when the trace is missing, its
// reference is malformed, or it belongs to another project; as every other page with an id does.

test("a missing, malformed or foreign trace answers 404, a real one 200", async ({ page }) => {
  await signIn(page.request, DEMO.admin);
  const slug = `traces-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  expect((await apiCall(page, "POST", "/api/projects", { name: `Other ${slug}`, slug })).status()).toBe(201);
  const key = await apiCall(page, "POST", `/api/projects/${slug}/api-keys`, { name: "test", scope: "FULL" });
  const { secret } = (await key.json()) as { secret: string };
  const foreignRef = `only-in-${slug}`;
  const ingested = await page.request.post("/api/v1/traces", {
    data: { traces: [{ id: foreignRef, input: "q", output: "a" }] },
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(ingested.status()).toBe(207);

  const statusOf = async (url: string) => (await page.request.get(`${BASE_URL}${url}`, { maxRedirects: 0 })).status();
  expect(await statusOf("/p/demo/traces/demo-001")).toBe(200);
  expect(await statusOf(`/p/${slug}/traces/${foreignRef}`)).toBe(200);
  expect(await statusOf("/p/demo/traces/no-such-trace")).toBe(404);
  // A ref that decodes to a stray "%" (Next.js decodes the segment once, the page once more).
  expect(await statusOf("/p/demo/traces/%25E0%25A4%25A")).toBe(404);
  expect(await statusOf("/p/demo/traces/a%25zz")).toBe(404);
  expect(await statusOf(`/p/demo/traces/${foreignRef}`)).toBe(404);
  expect(await statusOf(`/p/${slug}/traces/demo-001`)).toBe(404);
});
