import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type APIRequestContext, chromium, request as httpRequest } from "@playwright/test";
import { closeDb, db } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { seedDemo } from "@/lib/seed/demo";
import { buildIfNeeded } from "@/scripts/lib/build";
import { migrateDeploy } from "@/scripts/lib/run";
import { type BenchServer, startServer } from "./lib/server";
import { pct } from "./lib/percentile";

// `npm run bench:label-ui [-- --scale 0.1]`: an expert labels 50 items (5 at scale 0.1) of a
// fresh queue by keyboard in Chromium against the production build on a throw-away
// PostgreSQL with the demo project. Timed in the page: from the submit key's keydown to the
// first animation frame after the next item's id appears in the DOM (a MutationObserver).
// Two runs, each on its own queue: (1) the rater reads each item for 500 ms before answering
// (people take seconds), so the prefetched item has landed; (2) no pause at all, the worst
// case, where submit must wait for the prefetch still in flight.

const args = process.argv.slice(2);
const at = args.indexOf("--scale");
const SCALE = at >= 0 ? Number(args[at + 1]) : 1;
const ITEMS = Math.max(3, Math.min(50, Math.round(50 * SCALE)));
const SECRET = "bench-secret-0123456789abcdef0123";
const PASSWORD = "assay-demo-2026";
const log = (line: string) => console.log(`[bench:label-ui] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function signIn(ctx: APIRequestContext, email: string) {
  const { csrfToken } = await (await ctx.get("/api/auth/csrf")).json();
  const r = await ctx.post("/api/auth/callback/credentials", { form: { csrfToken, email, password: PASSWORD, json: "true" } });
  if (!r.ok()) throw new Error(`sign-in failed for ${email}`);
}

// Runs in the page before the app: stamps the submit key, and times the next item's paint.
const PROBE = () => {
  const w = window as unknown as { __t0: number | null; __samples: number[] };
  w.__t0 = null;
  w.__samples = [];
  window.addEventListener(
    "keydown",
    (e) => {
      if (e.key === "s") w.__t0 = performance.now();
    },
    true,
  );
  let last: string | null = null;
  new MutationObserver(() => {
    // The last submit paints the empty state instead of an item.
    const current =
      document.querySelector("[data-testid=labeling-item]")?.getAttribute("data-item-id") ??
      (document.querySelector("[data-testid=queue-empty]") ? "empty" : null);
    if (!current || current === last) return;
    last = current;
    const t0 = w.__t0;
    if (t0 === null) return;
    w.__t0 = null;
    requestAnimationFrame(() => w.__samples.push(performance.now() - t0));
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-item-id"] });
};

/** A fresh queue of ITEMS demo traces for expert1, made through the API as the engineer. */
async function makeQueue(name: string): Promise<string> {
  const engineer = await httpRequest.newContext({ baseURL: base, extraHTTPHeaders: { origin: base } });
  await signIn(engineer, "engineer@demo.test");
  const traces = (await (await engineer.get("/api/projects/demo/traces?limit=50")).json()).items.map((t: { id: string }) => t.id);
  const members = await (await engineer.get("/api/projects/demo/members")).json();
  const expert = (Array.isArray(members) ? members : members.members).find((m: { user: { email: string } }) => m.user.email === "expert1@demo.test").user.id;
  const rubrics = await (await engineer.get("/api/projects/demo/rubrics")).json();
  const rubric = (Array.isArray(rubrics) ? rubrics : rubrics.rubrics).find((r: { latestVersion: number | null }) => r.latestVersion !== null);
  const version = (await (await engineer.get(`/api/projects/demo/rubrics/${rubric.id}`)).json()).versions.find(
    (v: { status: string }) => v.status === "PUBLISHED",
  ).id;
  const queue = await (await engineer.post("/api/projects/demo/queues", { data: { name, rubricVersionId: version, memberUserIds: [expert] } })).json();
  await engineer.post(`/api/projects/demo/queues/${queue.id}/items`, { data: { traceIds: traces.slice(0, ITEMS) } });
  await engineer.dispose();
  return queue.id;
}

async function run(page: import("@playwright/test").Page, queueId: string, thinkMs: number): Promise<number[]> {
  await page.goto(`/p/demo/queues/${queueId}/label`);
  for (let i = 0; i < ITEMS; i++) {
    await page.locator("[data-testid=labeling-item]").waitFor();
    if (thinkMs) await sleep(thinkMs);
    for (const key of ["3", "j", "1", "s"]) await page.keyboard.press(key);
    await page.waitForFunction((n) => (window as unknown as { __samples: number[] }).__samples.length >= n, i + 1, { timeout: 15_000 });
  }
  await page.getByTestId("queue-empty").waitFor({ timeout: 15_000 });
  return page.evaluate(() => (window as unknown as { __samples: number[] }).__samples);
}

function report(name: string, samples: number[]) {
  log(
    `${name}: submit key → next item painted over ${samples.length} items: median ${pct(samples, 50).toFixed(1)} ms, p95 ${pct(samples, 95).toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms (goal < 150 ms)`,
  );
}

await buildIfNeeded();
const dir = await mkdtemp(path.join(tmpdir(), "assay-bench-label-ui-"));
const database = await startEmbeddedPostgres({ dir, database: "bench", persistent: false });
let base = "";
let server: BenchServer | null = null;
let failed = false;
try {
  await migrateDeploy(database.url);
  process.env.DATABASE_URL = database.url;
  await seedDemo(db());
  await closeDb();
  server = await startServer({ env: { DATABASE_URL: database.url, NEXTAUTH_SECRET: SECRET, ASSAY_JOBS: "off" } });
  base = server.url;

  const queues = [await makeQueue("bench, reading"), await makeQueue("bench, no pause")];

  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const context = await browser.newContext({ baseURL: base, extraHTTPHeaders: { origin: base } });
  await signIn(context.request, "expert1@demo.test");
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  log(`scale ${SCALE}: ${ITEMS} items by keyboard per run, production build at ${base}`);
  report("(1) reading 500 ms per item", await run(page, queues[0], 500));
  report("(2) no pause", await run(page, queues[1], 0));
  await browser.close();
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await server?.stop();
  await database.stop().catch(() => {});
  await rm(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
