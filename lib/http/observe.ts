import { workAsyncStorage } from "next/dist/server/app-render/work-async-storage.external";
import { type OpsContext, requestIdFrom, withContext } from "@/lib/ops/context";
import { log } from "@/lib/ops/log";
import { metrics } from "@/lib/ops/metrics";

// What the route wrapper records about every request: a request id (the caller's `X-Request-Id`
// when it is a plain token, else a new one) echoed in the answer and carried by every log line
// and job the request causes; one log line; a count and a latency per route pattern.

// Probes and scrapes arrive every few seconds; their lines are kept for debugging.
const QUIET_ROUTES = new Set(["/api/health", "/api/health/live", "/api/metrics"]);

/**
 * A request's route as its folder names it (`/api/v1/queues/[queueId]/claim`), never the concrete
 * path: labels and log fields stay a bounded set. Next.js knows the matched route while it runs
 * the handler; outside it (a handler called directly) each path parameter's value is put back as
 * its name, left to right, so only the route's own fixed words are left.
 */
export function routePattern(pathname: string, params: Record<string, string>): string {
  const matched = workAsyncStorage.getStore()?.route;
  if (matched) return matched;
  const segments = pathname.split("/").map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  const found = new Map<number, { name: string; width: number }>();
  let from = 1;
  for (const [name, value] of Object.entries(params)) {
    // One segment (which may hold an encoded "/"), or a catch-all's several.
    const parts = value.split("/").length;
    for (let at = from; at < segments.length; at++) {
      const width = segments[at] === value ? 1 : segments.slice(at, at + parts).join("/") === value ? parts : 0;
      if (!width) continue;
      found.set(at, { name: width > 1 ? `[...${name}]` : `[${name}]`, width });
      from = at + width;
      break;
    }
  }
  const pattern: string[] = [];
  for (let at = 0; at < segments.length;) {
    const param = found.get(at);
    pattern.push(param?.name ?? segments[at]);
    at += param?.width ?? 1;
  }
  return pattern.join("/");
}

function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set("x-request-id", requestId);
    return response;
  } catch {
    // A response with immutable headers (a redirect, a proxied fetch) is copied to carry it.
    const copy = new Response(response.body, response);
    copy.headers.set("x-request-id", requestId);
    return copy;
  }
}

export async function observe(req: Request, params: () => Promise<Record<string, string>>, run: () => Promise<Response>): Promise<Response> {
  const started = performance.now();
  const context: OpsContext = { requestId: requestIdFrom(req.headers.get("x-request-id")) };
  return withContext(context, async () => {
    const response = withRequestId(await run(), context.requestId!);
    const seconds = (performance.now() - started) / 1000;
    const route = routePattern(new URL(req.url).pathname, await params().catch(() => ({})));
    const { status } = response;
    const m = metrics();
    m.httpRequests.inc({ route, method: req.method, status: String(status) });
    m.httpDuration.observe({ route, method: req.method }, seconds);
    const level = status >= 500 ? "error" : QUIET_ROUTES.has(route) ? "debug" : "info";
    log()[level]({ method: req.method, route, status, durationMs: Math.round(seconds * 10_000) / 10 }, "request");
    return response;
  });
}
