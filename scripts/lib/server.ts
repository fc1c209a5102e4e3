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
