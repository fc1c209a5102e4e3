import type pg from "pg";

// What the load benchmark samples beside its clients, to say where a request's time went:
// what the database's busy backends were doing (pg_stat_activity: on a CPU, or waiting on a
// lock, I/O or the client), and the server's event-loop delay and pool queue (its own
// Prometheus metrics, prom-client's defaults among them).

export interface Probes {
  stop(): void;
  /** Lines to print: shares of the sampled busy backends by wait, event-loop delay, pool waits. */
  lines(): string[];
}

const EVERY_MS = 1_000;

function metric(text: string, name: string): number | null {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, "m").exec(text);
  return match ? Number(match[1]) : null;
}

export function startProbes(client: pg.Client, base: string, metricsToken: string): Probes {
  const waits = new Map<string, number>();
  let samples = 0;
  let busy = 0;
  const lagP99: number[] = [];
  let poolWaitingMax = 0;
  let gateWaitingMax = 0;
  const sample = async () => {
    const { rows } = await client.query<{ wait: string; n: number }>(
      `SELECT coalesce(wait_event_type || ':' || wait_event, 'on CPU') AS wait, count(*)::int AS n
         FROM pg_stat_activity WHERE state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid() GROUP BY 1`,
    );
    samples++;
    for (const r of rows) {
      waits.set(r.wait, (waits.get(r.wait) ?? 0) + r.n);
      busy += r.n;
    }
    const res = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    const text = await res.text();
    const lag = metric(text, "nodejs_eventloop_lag_p99_seconds");
    if (lag !== null) lagP99.push(lag * 1000);
    poolWaitingMax = Math.max(poolWaitingMax, metric(text, "assay_db_pool_waiting_requests") ?? 0);
    gateWaitingMax = Math.max(gateWaitingMax, metric(text, "assay_ingest_writes_waiting") ?? 0);
  };
  // One sample at a time: a slow one (the database saturated) is skipped, not stacked.
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void sample()
      .catch(() => {})
      .finally(() => (running = false));
  }, EVERY_MS);
  return {
    stop: () => clearInterval(timer),
    lines() {
      const shares = [...waits].sort((a, b) => b[1] - a[1]).map(([w, n]) => `${w} ${((100 * n) / Math.max(1, busy)).toFixed(0)}%`);
      const sorted = [...lagP99].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
      return [
        `database: ${(busy / Math.max(1, samples)).toFixed(1)} busy backends on average over ${samples} samples; of them ${shares.slice(0, 6).join(", ") || "none"}`,
        `server event-loop delay p99 (per scrape): median ${median.toFixed(1)} ms, worst ${(sorted.at(-1) ?? 0).toFixed(1)} ms; most queries waiting for a pool connection ${poolWaitingMax}; most batches waiting for a write turn ${gateWaitingMax}`,
      ];
    },
  };
}

/**
 * The share of a route's requests its handler answered within `seconds`, from the server's
 * request-duration histogram (`assay_http_request_duration_seconds`, whose buckets include
 * 0.05 and 0.1): time from the handler's start to the answer's first byte, without the wait for
 * the server's event loop before it or the body after it. Null if the route has no requests or
 * `seconds` is not one of the histogram's bucket bounds.
 */
export function handlerShareWithin(text: string, route: string, method: string, seconds: number): number | null {
  let within: number | null = null;
  let all = 0;
  for (const line of text.split("\n")) {
    const match = /^assay_http_request_duration_seconds_bucket\{([^}]*)\} ([0-9.eE+-]+)$/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...match[1].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (labels.route !== route || labels.method !== method) continue;
    if (labels.le === "+Inf") all = Number(match[2]);
    else if (Number(labels.le) === seconds) within = Number(match[2]);
  }
  return within === null || all === 0 ? null : within / all;
}
