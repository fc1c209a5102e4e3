import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// Every metric Assay exposes, in one registry. Counters are moved where the work happens; the
// gauges (job queue depth, database pool) are read when Prometheus scrapes (`scrape.ts`).
// Labels are bounded sets: a route pattern, a method, a status, a job name. Never an id.

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: "assay_http_requests_total",
      help: "HTTP requests answered, by route pattern, method and status",
      labelNames: ["route", "method", "status"] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: "assay_http_request_duration_seconds",
      help: "Time to answer an HTTP request (until its body starts), by route pattern and method",
      labelNames: ["route", "method"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    jobQueueDepth: new Gauge({
      name: "assay_job_queue_depth",
      help: "Jobs waiting to be worked (created or retrying), by job name; read at scrape",
      labelNames: ["job"] as const,
      registers,
    }),
    jobFailures: new Counter({
      name: "assay_job_failures_total",
      help: "Job runs that failed in this process (pg-boss retries them), by job name",
      labelNames: ["job"] as const,
      registers,
    }),
    dbPoolConnections: new Gauge({ name: "assay_db_pool_connections", help: "Connections the database pool holds, idle or in use", registers }),
    dbPoolIdle: new Gauge({ name: "assay_db_pool_idle_connections", help: "Connections the database pool holds idle", registers }),
    dbPoolWaiting: new Gauge({ name: "assay_db_pool_waiting_requests", help: "Queries waiting for a connection from the database pool", registers }),
    ingestWritesInFlight: new Gauge({ name: "assay_ingest_writes_in_flight", help: "Trace batches being written by this instance; read at scrape", registers }),
    ingestWritesWaiting: new Gauge({ name: "assay_ingest_writes_waiting", help: "Trace batches waiting for a turn to be written; read at scrape", registers }),
    tracesIngested: new Counter({
      name: "assay_traces_ingested_total",
      help: "Trace items accepted by ingestion (REST, OTLP and file imports)",
      registers,
    }),
    ingestBatchesRefused: new Counter({
      name: "assay_ingest_batches_refused_total",
      help: "Trace batches answered 429 ingestion_busy after waiting longer than ASSAY_INGEST_MAX_WAIT_MS",
      registers,
    }),
    labelsSubmitted: new Counter({
      name: "assay_labels_submitted_total",
      help: "Labels submitted in annotation queues (one per rater and item; a replayed retry is not counted)",
      registers,
    }),
    judgeRuns: new Counter({ name: "assay_judge_runs_total", help: "LLM judge runs", registers }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

// One registry per process: Next.js may load this module once per bundle and again on reload,
// and a second registry would split the counts (and default metrics may be registered once).
const store = globalThis as unknown as { __assayMetrics?: Metrics };

export function metrics(): Metrics {
  return (store.__assayMetrics ??= createMetrics());
}
