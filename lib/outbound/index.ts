import { env } from "@/lib/env";
import { parseAllowedHosts } from "./allowlist";
import { guardedDispatcher, guardedFetch } from "./dispatcher";

// The instance's outbound fetch for model endpoints: the address policy, with the hosts
// ASSAY_ALLOWED_MODEL_HOSTS lets through. One dispatcher for the process, so connections are pooled.

export { OutboundRefused, findRefusal, refusalFor, type RefusalReason } from "./address-policy";
export { guardedDispatcher, guardedFetch, type LookupFn } from "./dispatcher";
export { parseAllowedHosts } from "./allowlist";

let modelFetch: typeof fetch | undefined;

export function modelHostsFetch(): typeof fetch {
  modelFetch ??= guardedFetch(guardedDispatcher({ allowed: parseAllowedHosts(env().ASSAY_ALLOWED_MODEL_HOSTS) }));
  return modelFetch;
}

/** For tests that change the allowed hosts between cases. */
export function resetModelHostsFetch(): void {
  modelFetch = undefined;
}
