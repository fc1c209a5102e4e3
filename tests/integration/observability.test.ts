import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as live } from "@/app/api/health/live/route";
import { GET as scrape } from "@/app/api/metrics/route";
import { POST as postChunk } from "@/app/api/projects/[project]/imports/[importId]/chunks/route";
import { POST as startImport } from "@/app/api/projects/[project]/imports/[importId]/start/route";
import { POST as createImport } from "@/app/api/projects/[project]/imports/route";
import { POST as submitRoute } from "@/app/api/projects/[project]/queues/[queueId]/items/[itemId]/submit/route";
import { GET as progress } from "@/app/api/v1/queues/[queueId]/progress/route";
import { POST as ingest } from "@/app/api/v1/traces/route";
import { database, pool } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { RUN_IMPORT, importJobs } from "@/lib/imports/jobs";
import { runLogged } from "@/lib/jobs/queue";
import { stopSender } from "@/lib/jobs/send";
import { replaceLogger } from "@/lib/ops/log";
import { captureLogger } from "@/lib/ops/test-capture";
import { claimNext } from "@/lib/queues/claim";
import { type TestProject, call, makeProject, unique } from "@/tests/helpers/fixtures";
import { contextFor, makeQueue, makeRaters, submission } from "@/tests/helpers/queues";

// Health (readiness and liveness), the Prometheus endpoint and its counters, and request ids
// from the answer's header through the log lines to the jobs a request sends.

const TOKEN = "metrics-token-0123456789";
let project: TestProject;

beforeAll(async () => {
  project = await makeProject();
});
afterAll(async () => {
  await stopSender();
  delete process.env.ASSAY_METRICS_TOKEN;
  resetEnvCache();
});

function withToken(token: string | undefined) {
  if (token) process.env.ASSAY_METRICS_TOKEN = token;
  else delete process.env.ASSAY_METRICS_TOKEN;
  resetEnvCache();
}

async function metricsText(): Promise<string> {
  withToken(TOKEN);
  const res = await call(scrape, { path: "/api/metrics", headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status, res.text).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text;
}

/** The sum of a family's samples whose labels include `labels`. */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const has = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => has[k] === v)) sum += Number(match[3]);
  }
  return sum;
}

function captureLogs() {
  const { lines, logger } = captureLogger();
  replaceLogger(logger);
  return lines;
}
afterEach(() => replaceLogger(undefined));

describe("health", () => {
  it("answers readiness after asking the database, and liveness without it", async () => {
    expect(await call(health, { path: "/api/health" })).toMatchObject({ status: 200, json: { status: "ok" } });
    expect(await call(live, { path: "/api/health/live" })).toMatchObject({ status: 200, json: { status: "ok" } });
  });
});

describe("the metrics endpoint", () => {
  it("does not exist while no token is configured", async () => {
    withToken(undefined);
    const res = await call(scrape, { path: "/api/metrics", headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("refuses a scraper without the token or with another one", async () => {
    withToken(TOKEN);
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN]) {
      const res = await call(scrape, { path: "/api/metrics", headers: authorization ? { authorization } : {} });
      expect(res.status, authorization).toBe(401);
      expect(res.text).not.toContain("assay_");
    }
  });

  it("exposes every family, the default Node metrics included", async () => {
    const text = await metricsText();
    for (const [family, type] of [
      ["assay_http_requests_total", "counter"],
      ["assay_http_request_duration_seconds", "histogram"],
      ["assay_job_queue_depth", "gauge"],
      ["assay_job_failures_total", "counter"],
      ["assay_db_pool_connections", "gauge"],
      ["assay_db_pool_idle_connections", "gauge"],
      ["assay_db_pool_waiting_requests", "gauge"],
      ["assay_traces_ingested_total", "counter"],
      ["assay_labels_submitted_total", "counter"],
      ["assay_judge_runs_total", "counter"],
      ["process_cpu_user_seconds_total", "counter"],
      ["nodejs_eventloop_lag_seconds", "gauge"],
    ])
      expect(text, family).toContain(`# TYPE ${family} ${type}`);
    expect(valueOf(text, "assay_job_queue_depth", { job: RUN_IMPORT })).toBeGreaterThanOrEqual(0);
    expect(text).toMatch(new RegExp(`assay_job_queue_depth\\{job="${RUN_IMPORT.replace(".", "\\.")}"\\}`));
    expect(valueOf(text, "assay_db_pool_connections")).toBeGreaterThan(0);
  });

  it("counts requests and their latency by route pattern, never by concrete path", async () => {
    const queueId = crypto.randomUUID();
    const labels = { route: "/api/v1/queues/[queueId]/progress", method: "GET", status: "404" };
    const before = await metricsText();
    for (let i = 0; i < 3; i++) {
      const res = await call(progress, { path: `/api/v1/queues/${queueId}/progress`, params: { queueId }, key: project.keys.FULL, origin: null });
      expect(res.status).toBe(404);
    }
    const after = await metricsText();
    expect(valueOf(after, "assay_http_requests_total", labels) - valueOf(before, "assay_http_requests_total", labels)).toBe(3);
    const durations = { route: labels.route, method: "GET" };
    expect(
      valueOf(after, "assay_http_request_duration_seconds_count", durations) - valueOf(before, "assay_http_request_duration_seconds_count", durations),
    ).toBe(3);
    expect(after).not.toContain(queueId);
  });

  it("counts the traces ingestion accepts", async () => {
    const before = valueOf(await metricsText(), "assay_traces_ingested_total");
    const items = [
      { id: unique("t"), input: "a" },
      { id: unique("t"), input: "b" },
      { input: 42, name: { bad: true } },
    ];
    const res = await call(ingest, { method: "POST", path: "/api/v1/traces", key: project.keys.FULL, origin: null, body: { traces: items } });
    expect(res.status, res.text).toBe(207);
    const accepted = (res.json.results as { status: string }[]).filter((r) => r.status === "accepted").length;
    expect(accepted).toBe(2);
    expect(valueOf(await metricsText(), "assay_traces_ingested_total") - before).toBe(2);
  });

  it("counts submitted labels, not a retried submit", async () => {
    const [rater] = await makeRaters(project.id, 1);
    const { queueId } = await makeQueue(project, { items: 1, overlap: 1, raters: [rater] });
    const itemId = (await claimNext(database(), await contextFor(project, rater), queueId, { exclude: [] }))!.itemId;
    const before = valueOf(await metricsText(), "assay_labels_submitted_total");
    const body = submission();
    const params = { project: project.slug, queueId, itemId };
    for (let i = 0; i < 2; i++) expect((await call(submitRoute, { method: "POST", params, user: rater, body })).status).toBe(200);
    expect(valueOf(await metricsText(), "assay_labels_submitted_total") - before).toBe(1);
  });
});

describe("request ids", () => {
  it("echoes a caller's plain id and replaces anything else", async () => {
    expect((await call(live, { headers: { "x-request-id": "lb-7f3a.01" } })).headers.get("x-request-id")).toBe("lb-7f3a.01");
    const replaced = (await call(live, { headers: { "x-request-id": "<script>" } })).headers.get("x-request-id");
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    expect((await call(health, {})).headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("logs one line per request with the route pattern, status, duration, request id and project, and nothing sent", async () => {
    const lines = captureLogs();
    const queueId = crypto.randomUUID();
    await call(progress, {
      path: `/api/v1/queues/${queueId}/progress?secret=x`,
      params: { queueId },
      key: project.keys.FULL,
      origin: null,
      headers: { "x-request-id": "req-progress-1" },
    });
    const line = lines.find((l) => l.msg === "request");
    expect(line).toMatchObject({
      level: "info",
      method: "GET",
      route: "/api/v1/queues/[queueId]/progress",
      status: 404,
      requestId: "req-progress-1",
      projectId: project.id,
    });
    expect(typeof line?.durationMs).toBe("number");
    expect(JSON.stringify(lines)).not.toContain(project.keys.FULL);
    expect(JSON.stringify(lines)).not.toContain(queueId);
  });

  it("is carried into the job a request sends, and into the worker's log lines", async () => {
    const user = project.users.ENGINEER.id;
    const content = Buffer.from(`${JSON.stringify({ id: unique("imported"), input: "from a file" })}\n`);
    const created = await call(createImport, {
      method: "POST",
      params: { project: project.slug },
      user,
      body: { format: "JSONL", fileName: "traces.jsonl", sizeBytes: content.length },
    });
    const importId = created.json.id as string;
    const params = { project: project.slug, importId };
    const chunk = { method: "POST", params, user, rawBody: content, headers: { "content-type": "application/octet-stream" } };
    expect((await call(postChunk, { ...chunk, path: `/api/projects/${project.slug}/imports/${importId}/chunks?seq=0` })).status).toBe(200);
    const started = await call(startImport, { method: "POST", params, user, body: {}, headers: { "x-request-id": "req-import-1" } });
    expect(started.status, started.text).toBe(202);

    const { rows } = await pool().query<{ data: Record<string, unknown> }>("SELECT data FROM pgboss.job WHERE name = $1 AND data->>'importId' = $2", [
      RUN_IMPORT,
      importId,
    ]);
    expect(rows[0].data).toMatchObject({ importId, requestId: "req-import-1" });

    const lines = captureLogs();
    const before = valueOf(await metricsText(), "assay_traces_ingested_total");
    const job = importJobs.find((j) => j.name === RUN_IMPORT)!;
    expect(await runLogged(job, rows[0].data, { send: async () => null, signal: new AbortController().signal })).toBe("done");
    expect(lines.find((l) => l.msg === "job done")).toMatchObject({ level: "info", job: RUN_IMPORT, requestId: "req-import-1" });
    expect(JSON.stringify(lines)).not.toContain("from a file");
    expect(valueOf(await metricsText(), "assay_traces_ingested_total") - before).toBe(1);
  });

  it("counts and logs a failed job run under its job name", async () => {
    const lines = captureLogs();
    const before = valueOf(await metricsText(), "assay_job_failures_total", { job: "test.fails" });
    const failing = { name: "test.fails", run: async () => Promise.reject(Object.assign(new Error("boom"), { detail: "Failing row contains (content)" })) };
    await expect(runLogged(failing, { requestId: "req-fail-1" }, { send: async () => null, signal: new AbortController().signal })).rejects.toThrow("boom");
    expect(valueOf(await metricsText(), "assay_job_failures_total", { job: "test.fails" }) - before).toBe(1);
    expect(lines.find((l) => l.msg === "job failed")).toMatchObject({ level: "error", job: "test.fails", requestId: "req-fail-1", err: { message: "boom" } });
    expect(JSON.stringify(lines)).not.toContain("Failing row");
  });
});
