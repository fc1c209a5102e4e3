import { createHash, timingSafeEqual } from "node:crypto";
import { poolStats } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { JOB_DEFINITIONS } from "@/lib/jobs/registry";
import { queueDepths } from "@/lib/jobs/send";
import { traceWrites } from "@/lib/traces/write-gate";
import { log } from "./log";
import { metrics } from "./metrics";

// `GET /api/metrics`: the Prometheus text format, for a scraper holding ASSAY_METRICS_TOKEN.
// Without the variable the endpoint does not exist (404).

const DEPTH_TIMEOUT_MS = 2_000;

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Compares digests, so the time taken says nothing about how much of the token matched. */
function assertScraper(authorization: string | null): void {
  const token = env().ASSAY_METRICS_TOKEN;
  if (!token) throw new AppError("not_found", "Not found");
  const given = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "")?.[1] ?? "";
  if (!timingSafeEqual(digest(given), digest(token))) throw new AppError("unauthenticated", "Send the metrics token as `Authorization: Bearer <token>`");
}

/** Job queue depths from pg-boss; a slow or unreachable database leaves them out rather than stalling the scrape. */
async function refreshQueueDepths(): Promise<void> {
  const { jobQueueDepth } = metrics();
  jobQueueDepth.reset();
  if (!env().DATABASE_URL) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), DEPTH_TIMEOUT_MS)));
  try {
    const depths = await Promise.race([queueDepths(JOB_DEFINITIONS.map((j) => j.name)), timeout]);
    for (const [job, depth] of depths ?? []) jobQueueDepth.set({ job }, depth);
  } catch (error) {
    log().warn({ err: error }, "job queue depth unavailable for metrics");
  } finally {
    clearTimeout(timer);
  }
}

function refreshPool(): void {
  const m = metrics();
  const stats = poolStats() ?? { total: 0, idle: 0, waiting: 0 };
  m.dbPoolConnections.set(stats.total);
  m.dbPoolIdle.set(stats.idle);
  m.dbPoolWaiting.set(stats.waiting);
  m.ingestWritesInFlight.set(traceWrites().inFlight);
  m.ingestWritesWaiting.set(traceWrites().waiting);
}

export async function scrapeMetrics(authorization: string | null): Promise<Response> {
  assertScraper(authorization);
  refreshPool();
  await refreshQueueDepths();
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
