import { env } from "../../lib/env";
import { serverNodeOptions } from "../../lib/server-heap";

// How the production server's process is configured, in one place: `npm start` and every
// benchmark start `next start` with this environment, so the memory a benchmark reports is
// the memory an operator gets.

/** The environment for `next start`: `vars` with the server's heap cap applied (lib/server-heap.ts). */
export function serverEnv(vars: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const options = serverNodeOptions(vars.NODE_OPTIONS, env().ASSAY_SERVER_HEAP_MB);
  const out = { ...vars };
  if (options === undefined) delete out.NODE_OPTIONS;
  else out.NODE_OPTIONS = options;
  return out;
}
