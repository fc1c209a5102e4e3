import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as live } from "@/app/api/health/live/route";
import { GET as health } from "@/app/api/health/route";
import { GET as scrape } from "@/app/api/metrics/route";
import { GET as myProjects } from "@/app/api/projects/route";
import { GET as whoAmI } from "@/app/api/v1/project/route";
import { newApiKey } from "@/lib/auth/tokens";
import { closeDb } from "@/lib/db/client";
import { freePort } from "@/lib/db/embedded";
import { resetEnvCache } from "@/lib/env";
import { stopSender } from "@/lib/jobs/send";
import { call } from "@/tests/helpers/fixtures";

// With the database gone, every kind of route answers 503 with Retry-After instead of a 500,
// and the app recovers on its own once the database is back. This file runs in its own
// worker process, so pointing it at a dead port does not disturb the others.

const realUrl = process.env.DATABASE_URL;

function expectUnavailable(res: Awaited<ReturnType<typeof call>>) {
  expect(res.status).toBe(503);
  expect(res.json.code).toBe("database_unavailable");
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(JSON.stringify(res.json)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
}

describe("when the database is unreachable", () => {
  beforeAll(async () => {
    await closeDb();
    process.env.DATABASE_URL = `postgresql://assay:nothing@127.0.0.1:${await freePort()}/assay`;
    resetEnvCache();
  });

  afterAll(async () => {
    await closeDb();
    await stopSender();
    delete process.env.ASSAY_METRICS_TOKEN;
    process.env.DATABASE_URL = realUrl;
    resetEnvCache();
  });

  it("answers 503 on the health check", async () => {
    expectUnavailable(await call(health, { path: "/api/health" }));
  });

  it("still answers the liveness probe, which never asks the database", async () => {
    const res = await call(live, { path: "/api/health/live" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ok" });
  });

  it("still answers a metrics scrape, without the job queue depths", async () => {
    process.env.ASSAY_METRICS_TOKEN = "metrics-token-0123456789";
    resetEnvCache();
    const res = await call(scrape, { path: "/api/metrics", headers: { authorization: "Bearer metrics-token-0123456789" } });
    expect(res.status).toBe(200);
    expect(res.text).toContain('assay_http_requests_total{route="/api/health",method="GET",status="503"}');
    expect(res.text).not.toMatch(/^assay_job_queue_depth\{/m);
  });

  it("answers 503 to a signed-in user", async () => {
    expectUnavailable(await call(myProjects, { path: "/api/projects", user: randomUUID() }));
  });

  it("answers 503 to an API key", async () => {
    expectUnavailable(await call(whoAmI, { path: "/api/v1/project", key: newApiKey(), origin: null }));
  });
});

describe("when the database is back", () => {
  it("answers again without a restart", async () => {
    const res = await call(health, { path: "/api/health" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ok" });
  });
});
