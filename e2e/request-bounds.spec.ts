import { readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { BASE_URL } from "./base-url";
import { DEMO, apiCall, signIn } from "./fixtures";
import { stamp } from "./workspace";

// Against the production server: a chunked body far over the cap is refused while it is still
// being sent, and a malformed path on any API route or page is a 400 problem, never Next.js's bare 500.

/** Every route's path under `root` (API routes or pages), with each dynamic segment replaced by `segment`. */
function routePaths(root: string, file: string, segment: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (e.name === file) out.push(`/${path.relative("app", dir).split(path.sep).join("/")}`);
    }
  };
  walk(path.join("app", root));
  // Route groups such as `(list)` are not part of the URL.
  return out
    .map((p) => p.replace(/\/\([^)]+\)/g, ""))
    .filter((p) => p.includes("[") && !p.includes("nextauth"))
    .map((p) => p.replace(/\[[^\]]+\]/g, segment));
}
const apiPaths = (segment: string) => routePaths("api", "route.ts", segment);
const pagePaths = (segment: string) => routePaths("p", "page.tsx", segment);

test("a chunked body over the cap is answered 413 while it is still being written", async ({ page }) => {
  await signIn(page.request, DEMO.admin);
  // A project of its own: the key it makes is nobody else's to list.
  const slug = `bounds-${stamp()}`;
  expect((await apiCall(page, "POST", "/api/projects", { name: `Bounds ${slug}`, slug })).status()).toBe(201);
  const created = await apiCall(page, "POST", `/api/projects/${slug}/api-keys`, { name: "bounds", scope: "INGEST" });
  const { secret } = (await created.json()) as { secret: string };
  const url = new URL("/api/v1/traces", BASE_URL);
  const chunk = Buffer.alloc(256 * 1024, 0x20);
  const answer = await new Promise<{ status: number; written: number }>((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = http.request(
      url,
      { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "transfer-encoding": "chunked" } },
      (res) => {
        answered = true;
        resolve({ status: res.statusCode ?? 0, written });
        res.resume();
        req.destroy();
      },
    );
    req.on("error", (error) => (answered ? undefined : reject(error)));
    // 100 MiB at most, a chunk every few milliseconds: far longer than an answer at the cap takes.
    const write = () => {
      if (answered) return;
      if (written >= 100 * 1024 * 1024) return void req.end();
      written += chunk.length;
      req.write(chunk, () => setTimeout(write, 5));
    };
    write();
  });
  expect(answer.status).toBe(413);
  expect(answer.written).toBeLessThan(40 * 1024 * 1024);
});

test("a malformed path on any API route is a 400 problem with nosniff", async ({ request }) => {
  const bad = ["%ED%A0%80", "%E0%A4%A", "%zz", "%C3"];
  const paths = bad.flatMap((segment) => apiPaths(segment));
  expect(paths.length).toBeGreaterThan(40);
  for (const p of paths) {
    const response = await request.get(p, { headers: { origin: BASE_URL } });
    expect(response.status(), p).toBe(400);
    expect(response.headers()["content-type"], p).toContain("application/problem+json");
    expect(response.headers()["x-content-type-options"], p).toBe("nosniff");
    expect(((await response.json()) as { code: string }).code, p).toBe("bad_request");
  }
  // Well-formed UTF-8 in a path still reaches the route.
  const accented = await request.get("/api/v1/traces/caf%C3%A9");
  expect(accented.status()).toBe(401);
});

test("a malformed path on any page is a 400 problem too, never a 500", async ({ request }) => {
  const paths = ["%ED%A0%80", "%E0%A4%A", "%C3"].flatMap((segment) => pagePaths(segment));
  expect(paths.length).toBeGreaterThan(10);
  for (const p of paths) {
    const response = await request.get(p, { maxRedirects: 0 });
    expect(response.status(), p).toBe(400);
    expect(response.headers()["x-content-type-options"], p).toBe("nosniff");
  }
  // Well-formed UTF-8 in a page's path is not refused.
  expect((await request.get("/p/caf%C3%A9", { maxRedirects: 0 })).status()).not.toBe(400);
});
