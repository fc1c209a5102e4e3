import { env } from "@/lib/env";
import { serverNodeOptions } from "@/lib/server-heap";

// How the production server's process is configured, in one place: `npm start` and every
// benchmark start `next start` with this environment, so the memory a benchmark reports is
// the memory an operator gets.

/**
 * The environment for `next start`: `vars` with the server's heap cap applied
 * (lib/server-heap.ts). `heapMb` replaces ASSAY_SERVER_HEAP_MB (benchmarks compare caps).
 */
export function serverEnv(vars: NodeJS.ProcessEnv, heapMb: number = env().ASSAY_SERVER_HEAP_MB): NodeJS.ProcessEnv {
  const options = serverNodeOptions(vars.NODE_OPTIONS, heapMb);
  const out = { ...vars };
  if (options === undefined) delete out.NODE_OPTIONS;
  else out.NODE_OPTIONS = options;
  return out;
}

/**
 * How long `next start` keeps an idle keep-alive connection open: longer than the idle timeout
 * of the clients and proxies in front of it (60 s on common load balancers), so an idle
 * connection is closed by the side that would reuse it. Node's default of 5 s let the app close
 * a connection just as a client sent its next request on it, which then failed with a reset.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** The arguments of `next start` on `port` (and `host`, when given). */
export function nextStartArgs(port: string, host?: string): string[] {
  return ["start", "-p", port, ...(host ? ["-H", host] : []), "--keepAliveTimeout", String(KEEP_ALIVE_TIMEOUT_MS)];
}
